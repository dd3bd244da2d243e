#!/usr/bin/env bash
# RealMLP-TD: pytabkit 1.7.2 vs tabml on the same rows (the reference's --write-split), both on 2 threads, one
# run at a time; needs the reference runner (../shared/reference/README.md: /opt/pytabkit-env.sh).
source "$(dirname "$0")/common.sh"
source /opt/pytabkit-env.sh
REF=${REF:-../shared/reference/run_pytabkit.py}
mkdir -p $WORK/pytabkit
for spec in phoneme:Class:binary kin8nm:y:regression adult:income:binary california_housing:median_house_value:regression \
            credit_g:class:binary magic_telescope:class:binary concrete:compressive_strength:regression abalone:Rings:regression; do
  IFS=: read d target task <<< "$spec"
  out=$WORK/pytabkit/$d
  /usr/bin/python3 $REF --csv $DATA/$d.csv --target $target --task $task --method realmlp-td --seed 0 --threads 2 \
    --write-split $out.split.json > $out.pytabkit.json 2> $out.pytabkit.err
  rm -rf $out.tabml
  $T bench --suite $DATA/suite.json --datasets $d --split-file $out.split.json --methods realmlp-td --jobs 1 --threads 2 \
    --out $out.tabml --quiet > /dev/null 2> $out.tabml.err
  python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
p = json.loads(open(f"{out}.pytabkit.json").read().strip().splitlines()[-1])
t = [json.loads(l) for l in open(f"{out}.tabml/results.jsonl")][-1]
print(f"{p['dataset']}: pytabkit {p['train_seconds']:.1f} s, tabml {t['fit_seconds']:.1f} s, {p['train_seconds'] / t['fit_seconds']:.1f}x; "
      f"test pytabkit {p['test_nrmse'] if p['task'] == 'regression' else p['test_metric']:.4f}, tabml {t['score']:.4f}")
PY
done
