#!/bin/bash
# Data-parallel LightGBM-TD with tabml on a Slurm cluster: one task per node, each with its own partition.
#
#   tabml split-csv data.csv --parts 4 --out-dir parts/      # once, on shared storage
#   sbatch scripts/slurm-distributed-lightgbm.sh parts/data target
#
#SBATCH --job-name=tabml-lightgbm
#SBATCH --nodes=4
#SBATCH --ntasks-per-node=1
#SBATCH --cpus-per-task=16
#SBATCH --time=02:00:00
set -euo pipefail
prefix=${1:?usage: sbatch $0 PARTS_PREFIX TARGET}   # parts are PREFIX.part1.csv ... PREFIX.partN.csv
target=${2:?usage: sbatch $0 PARTS_PREFIX TARGET}
port=${TABML_PORT:-12400}

# The same machine list on every rank: every node's host name with LightGBM's port.
machines=$(scontrol show hostnames "$SLURM_JOB_NODELIST" | sed "s/\$/:$port/" | paste -sd, -)

# One task per node; SLURM_PROCID is the rank, partitions are 1-based.
srun --ntasks="$SLURM_NNODES" bash -c "
  tabml train $prefix.part\$((SLURM_PROCID + 1)).csv --target $target --models lightgbm \
    --machines $machines --rank \$SLURM_PROCID --threads $SLURM_CPUS_PER_TASK \
    --listen-timeout 300 --out model.tabml
"
# Rank 0 writes model.tabml (every rank trains the same model; pass --out model.{rank}.tabml to keep all).
