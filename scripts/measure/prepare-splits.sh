#!/usr/bin/env bash
# The seed-0 80/20 train/test files the measurement scripts read: $WORK/NAME/{train,test}.csv.
source "$(dirname "$0")/common.sh"
for d in "${!TARGET[@]}"; do
  python3 "$(dirname "$0")/split.py" "$DATA/$d.csv" "$WORK/$d"
done
