#!/usr/bin/env bash
# LeNet-5 (Caffe variant) on MNIST, Deep Compression style: trains the baseline, prunes it in rounds with
# retraining (each layer to its own sparsity: 40 %, 82 %, 96.3 %, 75 %; weight decay 5e-4), shares each layer's
# surviving weights with 16 values, trains the shared values, stores every layer in its smallest exact format,
# then scores the result on the pure-Java runtime and compares it with the baseline. About 20 minutes on 2 cores.
#   examples/lenet-5.sh            (from the repository root or anywhere)
# Environment: MNIST (default ../shared/data/mnist, relative to the repository root), OUT (default
# out/lenet-5). Leaves $OUT/baseline.sham, $OUT/model.sham, $OUT/compress.json, $OUT/eval.json (with
# "accuracy") and $OUT/compare.json.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
MNIST=${MNIST:-../shared/data/mnist}
OUT=${OUT:-out/lenet-5}
mkdir -p "$OUT"
if [[ ! -f "$OUT/baseline.sham" ]]; then
  ./sham train lenet-5 --data "mnist:$MNIST" --out "$OUT/baseline.sham" --epochs 12 --lr 0.002 --quiet
fi
./sham compress "$OUT/baseline.sham" --data "mnist:$MNIST" --out "$OUT/model.sham" --layers all \
  --prune 40,82,96.3,75 --prune-steps 3 --finetune-epochs 8 --lr 0.001 --weight-decay 0.0005 --quantize cws:16 \
  --json "$OUT/compress.json" --quiet
./sham eval "$OUT/model.sham" --data "mnist:$MNIST" --json "$OUT/eval.json"
./sham compare "$OUT/baseline.sham" "$OUT/model.sham" --data "mnist:$MNIST" --json "$OUT/compare.json"
