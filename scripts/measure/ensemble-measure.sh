#!/usr/bin/env bash
# Ensemble-TD against its members: holdout and --folds 5 on six datasets (seed 0, 80/20 split by split.py).
source "$(dirname "$0")/common.sh"
for d in credit_g eye_movements covertype california_housing adult diamonds; do
  extra=$(task_option $d)
  for mode in holdout folds5; do
    fold=""; [ "$mode" = folds5 ] && fold="--folds 5"
    out=$WORK/$d/$mode; mkdir -p $out
    /usr/bin/time -f "%e %M" -o $out/time.txt $T train $WORK/$d/train.csv --target ${TARGET[$d]} $extra $fold --seed 0 --json --quiet --out $out/model.tabml > $out/train.json 2> $out/train.err
    for m in ensemble lightgbm-td fasttree-td realmlp-td; do
      mem=""; [ $m != ensemble ] && mem="--member $m"
      $T evaluate $out/model.tabml $WORK/$d/test.csv $mem --json --quiet > $out/eval-$m.json 2>> $out/eval.err
    done
    echo "$d $mode done $(cat $out/time.txt)"
  done
done
