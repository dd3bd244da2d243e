#!/usr/bin/env bash
# LightGBM-TD / -D and FastTree-TD / -D on the seed-0 80/20 splits (one thread each, two side by side).
source "$(dirname "$0")/common.sh"
for d in adult covertype california_housing diamonds; do
  extra=$(task_option $d)
  out=$WORK/$d/gbdt; mkdir -p $out
  $T train $WORK/$d/train.csv --target ${TARGET[$d]} $extra --models lightgbm-td,lightgbm-d,fasttree-td,fasttree-d --seed 0 --json --quiet --out $out/model.tabml > $out/train.json 2> $out/train.err
  for m in lightgbm-td lightgbm-d fasttree-td fasttree-d; do
    $T evaluate $out/model.tabml $WORK/$d/test.csv --member $m --json --quiet > $out/eval-$m.json
  done
  python3 - $out <<'PY'
import json, sys
out = sys.argv[1]
tr = json.load(open(out + "/train.json"))
fit = {r["model"]: r["fit_seconds"] for r in tr["leaderboard"]}
key = "nrmse" if tr["task"] == "regression" else "error"
cells = []
for m in ["lightgbm-td", "lightgbm-d", "fasttree-td", "fasttree-d"]:
    ev = json.load(open(f"{out}/eval-{m}.json"))
    cells.append(f"{ev[key]:.4f} ({fit[m]:.1f} s)")
print(f"| {out.rstrip('/').split('/')[-2]} | {key} | " + " | ".join(cells) + " |")
PY
done
