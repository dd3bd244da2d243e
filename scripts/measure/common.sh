# Shared by the measurement scripts: the binary, the folders, and each dataset's target and task option.
T=${T:-src/Tabml.Cli/bin/Release/net10.0/tabml}
WORK=${WORK:-/tmp/exp}
DATA=${DATA:-../shared/datasets}
declare -A TARGET=([adult]=income [covertype]=Cover_Type [california_housing]=median_house_value [diamonds]=price [credit_g]=class [eye_movements]=label)

# covertype's target is numeric with 7 values: regression by the inference rule, so name the task.
task_option() { [ "$1" = covertype ] && echo "--task multiclass"; }
