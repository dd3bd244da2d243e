#!/usr/bin/env bash
# `--preset paper` vs the default `tabml train`: wall time, peak memory and test scores on four seed-0 80/20 splits
# (prepare-splits.sh); run on an otherwise idle machine.
source "$(dirname "$0")/common.sh"
for d in adult covertype california_housing diamonds; do
  for preset in paper default; do
    out=$WORK/$d/preset-$preset; mkdir -p $out
    /usr/bin/time -f "%e s wall, %M KB peak" -o $out/time.txt $T train $WORK/$d/train.csv --target ${TARGET[$d]} $(task_option $d) \
      --preset $preset --out $out/model.tabml --quiet > /dev/null 2> $out/train.err
    echo "$d $preset: $(cat $out/time.txt) | $($T evaluate $out/model.tabml $WORK/$d/test.csv 2>&1 | grep -E '^(error|log loss|auc|nrmse) ' | tr -s ' ' | tr '\n' ';')"
  done
done
