#!/usr/bin/env bash
# predict returns exactly one row per input row on every dataset of shared/datasets.
source "$(dirname "$0")/common.sh"
python3 -c "import json; [print(d['name'], d['file'], d['target']) for d in json.load(open('$DATA/suite.json'))]" |
while read name file target; do
  f=$DATA/$file
  $T train $f --target "$target" --models lightgbm --threads 1 --quiet --out $WORK/pr.tabml > /dev/null 2>$WORK/pr.err || { echo "$name TRAIN FAILED: $(tail -1 $WORK/pr.err)"; continue; }
  $T predict $WORK/pr.tabml $f --out $WORK/pr.csv --quiet 2>$WORK/pr.err || { echo "$name PREDICT FAILED: $(tail -1 $WORK/pr.err)"; continue; }
  in=$(python3 -c "import csv,sys; print(sum(1 for _ in csv.reader(open('$f')))-1)")
  out=$(python3 -c "import csv,sys; print(sum(1 for _ in csv.reader(open('$WORK/pr.csv')))-1)")
  echo "$name input_rows=$in output_rows=$out $([ $in = $out ] && echo OK || echo MISMATCH)"
done
