#!/usr/bin/env bash
# VGG19 on MNIST (the sHAM papers' largest classification result): trains the baseline, then compresses its dense
# layers by the recipes of examples/paper/vgg19-mnist.yaml (a sweep: the frozen convolutions run once for all of
# them) and reports the result against the papers' figure, occupancy <= 0.006 with at most 0.1 points lost.
#   examples/paper/vgg19-mnist.sh [OUT]        (OUT default out/paper/vgg19-sweep; the report in OUT/report)
# Environment: SHAM (default ./sham), MNIST (default ../shared/data/mnist), BASELINE (a trained vgg19-mnist model
# to use instead of training one; it is linked to out/paper/vgg19/baseline.sham, where the spec reads it).
# Times on the 2-core build machine (README, "The papers' experiments"): the training runs about 15 min an epoch
# on 2 quiet cores, but shared with 4 other sessions (load 15-18) it did 21 of its 1,876 batches in 23 min, and
# the sweep could not run this session. On untrained weights, compress took 4-4.5 min a recipe at that load.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
OUT=${1:-out/paper/vgg19-sweep}
SHAM=${SHAM:-./sham}
MNIST=${MNIST:-../shared/data/mnist}
MODEL=out/paper/vgg19/baseline.sham
mkdir -p "$(dirname "$MODEL")"
if [[ -n ${BASELINE:-} ]]; then
  ln -sfn "$(realpath "$BASELINE")" "$MODEL"
elif [[ ! -f $MODEL ]]; then
  # about 15 minutes an epoch on 2 quiet cores; a killed training continues where it stopped (--resume)
  $SHAM train vgg19-mnist --data "mnist:$MNIST" --out "$MODEL" --epochs 2 --lr 0.0001 --seed 1 --resume
fi
nice -n 5 $SHAM sweep examples/paper/vgg19-mnist.yaml --out "$OUT" --workers "${WORKERS:-2}"
$SHAM report "$OUT" --out "$OUT/report"
