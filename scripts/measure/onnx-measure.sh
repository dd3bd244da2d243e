#!/usr/bin/env bash
# ONNX export (docs/onnx.md): default bundles of adult and covertype (seed-0 80/20 splits from
# prepare-splits.sh), `tabml export` time and file size, then per model (ensemble and each member) the
# export time, ONNX Runtime session and inference times on the test rows beside tabml predict's, and the
# largest deviation from tabml predict (tests/Tabml.Onnx.Tests, ExportMeasurement).
source "$(dirname "$0")/common.sh"
for d in ${DATASETS:-adult covertype}; do
  [ -f "$WORK/$d/model.tabml" ] || $T train "$WORK/$d/train.csv" --target "${TARGET[$d]}" $(task_option $d) --out "$WORK/$d/model.tabml" --quiet
  /usr/bin/time -f "$d: tabml export %e s wall, %M KB peak" $T export "$WORK/$d/model.tabml" --onnx "$WORK/$d/model.onnx" --quiet
  ls -l "$WORK/$d/model.onnx"
  TABML_ONNX_MEASURE_BUNDLE="$WORK/$d/model.tabml" TABML_ONNX_MEASURE_DATA="$WORK/$d/test.csv" \
    dotnet test tests/Tabml.Onnx.Tests -c Release --filter "FullyQualifiedName~ExportMeasurement" --logger "console;verbosity=detailed" |
    grep -E ' \| |rows;'
done
