#!/usr/bin/env bash
# Data-parallel LightGBM-TD on 1, 2, 3 ranks over loopback (seed-0 80/20 split of split.py).
source "$(dirname "$0")/common.sh"
port=21400
for d in covertype diamonds; do
  extra=$(task_option $d)
  base=$WORK/$d/dist; rm -rf $base; mkdir -p $base
  s=$(date +%s.%N)
  $T train $WORK/$d/train.csv --target ${TARGET[$d]} $extra --models lightgbm --seed 0 --quiet --json --out $base/r1.tabml > $base/r1.json 2>$base/r1.err
  e=$(date +%s.%N)
  echo "$d ranks=1 wall=$(echo "$e - $s" | bc) $($T evaluate $base/r1.tabml $WORK/$d/test.csv --json --quiet | tr -d '\n ')"
  for n in 2 3; do
    $T split-csv $WORK/$d/train.csv --parts $n --out-dir $base/p$n > /dev/null
    machines=$(for r in $(seq 0 $((n-1))); do printf "127.0.0.1:%d," $((port+r)); done | sed 's/,$//')
    s=$(date +%s.%N)
    for r in $(seq 0 $((n-1))); do
      part=$base/p$n/train.part$((r+1)).csv
      $T train $part --target ${TARGET[$d]} $extra --models lightgbm --threads 1 --seed 0 --quiet --json --machines $machines --rank $r --out "$base/r$n-{rank}.tabml" > $base/r$n-$r.json 2>$base/r$n-$r.err &
    done
    wait
    e=$(date +%s.%N)
    port=$((port+10))
    same=$(sha256sum $base/r$n-*.tabml | awk '{print $1}' | sort -u | wc -l)
    echo "$d ranks=$n wall=$(echo "$e - $s" | bc) distinct_bundles=$same $($T evaluate $base/r$n-0.tabml $WORK/$d/test.csv --json --quiet | tr -d '\n ')"
  done
done
