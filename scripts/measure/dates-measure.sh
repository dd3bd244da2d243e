#!/usr/bin/env bash
# bike_sharing with its timestamp as one ISO-8601 column (scripts/measure/bike-sharing-dates.py): `tabml info`,
# then the test error of the date read as a date (derived features), forced categorical (--cat), and the
# original file's yr/mnth/hr/weekday columns, on the same seed-0 80/20 rows. MODELS picks the learners.
set -euo pipefail
source "$(dirname "$0")/common.sh"
mkdir -p "$WORK"
MODELS=${MODELS:-lightgbm}
python3 "$(dirname "$0")/bike-sharing-dates.py" "$DATA/bike_sharing.csv" "$WORK/bike_sharing_dates.csv"
python3 "$(dirname "$0")/split.py" "$WORK/bike_sharing_dates.csv" "$WORK/bike_dates"
python3 "$(dirname "$0")/split.py" "$DATA/bike_sharing.csv" "$WORK/bike_sharing"
$T info "$WORK/bike_dates/train.csv" --target cnt -q
run() { # name folder extra-options...
  local name=$1 dir=$2; shift 2
  local start=$SECONDS
  $T train "$dir/train.csv" --target cnt --models "$MODELS" --out "$dir/$name.tabml" -q "$@" > /dev/null
  local nrmse=$($T evaluate "$dir/$name.tabml" "$dir/test.csv" --json -q | python3 -c 'import json,sys; print(round(json.load(sys.stdin)["nrmse"], 4))')
  echo "$name: test nRMSE $nrmse ($((SECONDS - start)) s, models $MODELS)"
}
run date "$WORK/bike_dates"
run categorical "$WORK/bike_dates" --cat datetime
run original-columns "$WORK/bike_sharing"
