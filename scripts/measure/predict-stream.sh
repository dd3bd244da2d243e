#!/usr/bin/env bash
# predict streams a large CSV in bounded memory: a default bundle trained on 20,000 rows of a 1,000,000 × 50
# file predicts the whole file; wall time and peak working set from /usr/bin/time -v, and the row count.
source "$(dirname "$0")/common.sh"
mkdir -p $WORK
[ -f $WORK/big.csv ] || python3 "$(dirname "$0")/big-csv.py" 1000000 $WORK/big.csv
head -20001 $WORK/big.csv > $WORK/big20k.csv
$T train $WORK/big20k.csv --out $WORK/big.tabml --quiet > /dev/null
/usr/bin/time -v $T predict $WORK/big.tabml $WORK/big.csv --out $WORK/big-pred.csv --quiet 2> $WORK/big-pred.err
grep -E "Elapsed|Maximum resident" $WORK/big-pred.err
echo "output rows: $(($(wc -l < $WORK/big-pred.csv) - 1))"
