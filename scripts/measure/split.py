# Seed-0 80/20 row split of a CSV (header kept): OUT/train.csv and OUT/test.csv. Usage: split.py DATA.csv OUT
import random, sys, os
src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
with open(src) as f:
    header, *rows = f.read().splitlines()
order = list(range(len(rows)))
random.Random(0).shuffle(order)
cut = int(round(0.8 * len(rows)))
for name, idx in (("train.csv", sorted(order[:cut])), ("test.csv", sorted(order[cut:]))):
    with open(os.path.join(out, name), "w") as f:
        f.write(header + "\n" + "".join(rows[i] + "\n" for i in idx))
