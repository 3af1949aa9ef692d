#!/usr/bin/env bash
# LeNet-300-100 on MNIST, Deep Compression style: trains the baseline, prunes it in rounds with retraining (each
# layer to its own sparsity: 95.5 %, 90 %, 70 %), shares each layer's surviving weights with 16 values, trains the
# shared values, stores every layer in its smallest exact format, then scores the result on the pure-Java runtime
# and compares it with the baseline. About 15 minutes on 2 cores.
#   examples/lenet-300-100.sh            (from the repository root or anywhere)
# Environment: MNIST (default ../shared/data/mnist, relative to the repository root), OUT (default
# out/lenet-300-100). Leaves $OUT/baseline.sham, $OUT/model.sham, $OUT/compress.json, $OUT/eval.json (with
# "accuracy") and $OUT/compare.json.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
MNIST=${MNIST:-../shared/data/mnist}
OUT=${OUT:-out/lenet-300-100}
mkdir -p "$OUT"
if [[ ! -f "$OUT/baseline.sham" ]]; then
  ./sham train lenet-300-100 --data "mnist:$MNIST" --out "$OUT/baseline.sham" --epochs 30 --quiet
fi
./sham compress "$OUT/baseline.sham" --data "mnist:$MNIST" --out "$OUT/model.sham" --layers dense \
  --prune 95.5,90,70 --prune-steps 4 --finetune-epochs 12 --lr 0.001 --weight-decay 0.00005 --quantize cws:16 \
  --json "$OUT/compress.json" --quiet
./sham eval "$OUT/model.sham" --data "mnist:$MNIST" --json "$OUT/eval.json"
./sham compare "$OUT/baseline.sham" "$OUT/model.sham" --data "mnist:$MNIST" --json "$OUT/compare.json"
