#!/usr/bin/env bash
# DeepDTA on DAVIS, as the sHAM paper compresses it: trains the baseline for a stated budget of epochs, then
# prunes its dense layers (one sparsity per layer, in rounds with retraining), shares each layer's surviving
# weights with its own codebook, trains the shared values, and stores each layer in its smallest exact format.
# The embeddings and convolutions stay as they are (frozen): they run once per drug and per protein, so the
# dense layers retrain on their results alone. Then scores both models on the pure-Java runtime.
#   examples/deepdta.sh            (from the repository root or anywhere)
# Environment: DAVIS (default ../shared/data/deepdta/davis, relative to the repository root), OUT (default
# out/deepdta), EPOCHS (baseline training budget, default 2: about 9 minutes an epoch on 2 cores; compressing
# takes about 4 minutes, comparing about 6). Leaves $OUT/baseline.sham, $OUT/model.sham, $OUT/compress.json and
# $OUT/compare.json (both with "mse"; compare's "baseline" is the baseline's MSE, its layers each one's psi).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
DAVIS=${DAVIS:-../shared/data/deepdta/davis}
OUT=${OUT:-out/deepdta}
EPOCHS=${EPOCHS:-2}
mkdir -p "$OUT"
if [[ ! -f "$OUT/baseline.sham" ]]; then
  ./sham train deepdta --data "davis:$DAVIS" --out "$OUT/baseline.sham" --epochs "$EPOCHS" --batch 256 --lr 0.001 \
    --quiet
fi
./sham compress "$OUT/baseline.sham" --data "davis:$DAVIS" --out "$OUT/model.sham" --layers dense \
  --trainable selected --prune 85 --prune-scope layer --prune-steps 2 --finetune-epochs 5 --lr 0.0005 \
  --quantize cws:32 --json "$OUT/compress.json" --quiet
./sham compare "$OUT/baseline.sham" "$OUT/model.sham" --data "davis:$DAVIS" --json "$OUT/compare.json"
