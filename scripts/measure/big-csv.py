"""Writes N rows of 49 Gaussian features and a noisy regression target y (50 columns), seed 0:
python3 scripts/measure/big-csv.py N out.csv"""
import random, sys
random.seed(0)
n = int(sys.argv[1]); out = sys.argv[2]
with open(out, 'w') as f:
    f.write(','.join(f'x{i}' for i in range(49)) + ',y\n')
    for r in range(n):
        xs = [random.gauss(0, 1) for _ in range(49)]
        y = xs[0] * 2 + xs[1] * xs[2] + (1 if xs[3] > 0 else 0) + random.gauss(0, 0.5)
        f.write(','.join(f'{v:.5f}' for v in xs) + f',{y:.5f}\n')
