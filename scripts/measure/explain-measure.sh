#!/usr/bin/env bash
# `tabml explain` on adult: LightGBM-TD trained on the seed-0 80% split, importance on the 20% test rows
# (5000-row sample, 5 repeats), table on stdout, bar chart as PNG and SVG in $WORK/adult/.
set -euo pipefail
source "$(dirname "$0")/common.sh"
mkdir -p "$WORK"
python3 "$(dirname "$0")/split.py" "$DATA/adult.csv" "$WORK/adult"
$T train "$WORK/adult/train.csv" --target income --models lightgbm --out "$WORK/adult/lightgbm.tabml" -q > /dev/null
time $T explain "$WORK/adult/lightgbm.tabml" "$WORK/adult/test.csv" --plot "$WORK/adult/importance.png" -q
$T explain "$WORK/adult/lightgbm.tabml" "$WORK/adult/test.csv" --plot "$WORK/adult/importance.svg" -q > /dev/null
