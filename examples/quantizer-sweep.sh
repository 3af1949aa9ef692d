#!/usr/bin/env bash
# What pruning and weight sharing cost, in error and in bits: for each sparsity P and each quantizer at each K,
# runs `sham bench` (sizes and errors only) over the given matrices and collects one CSV.
#   examples/quantizer-sweep.sh OUT_DIR MATRIX...
# Environment: PRUNE (default "0 90 96"), KS (default "2 16 32 256"),
#              METHODS (default "cws cws-kmeans++ cws-dp pws uq ecsq").
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=${1:?usage: $0 OUT_DIR MATRIX...}
shift
mkdir -p "$out"
rm -f "$out/sweep.csv"
for p in ${PRUNE:-0 90 96}; do
  for k in ${KS:-2 16 32 256}; do
    for m in ${METHODS:-cws cws-kmeans++ cws-dp pws uq ecsq}; do
      echo "prune $p, $m:$k" >&2
      ./sham bench "$@" --prune "$p" --quantize "$m:$k" --repeat 0 -q --csv "$out/p$p-$m-k$k.csv" > /dev/null
      if [[ -f "$out/sweep.csv" ]]; then tail -n +2 "$out/p$p-$m-k$k.csv" >> "$out/sweep.csv"
      else cp "$out/p$p-$m-k$k.csv" "$out/sweep.csv"; fi
    done
  done
done
echo "$out/sweep.csv" >&2
