#!/usr/bin/env bash
# The seed-0 80/20 train/test files the measurement scripts read: $WORK/NAME/{train,test}.csv.
WORK=${WORK:-/tmp/exp}
DATA=${DATA:-../shared/datasets}
for d in adult covertype california_housing diamonds credit_g eye_movements; do
  python3 "$(dirname "$0")/split.py" "$DATA/$d.csv" "$WORK/$d"
done
