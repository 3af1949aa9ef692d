#!/usr/bin/env bash
# The papers' Figure 1 (space, product time and energy of every storage format as pruning grows) for the shared
# matrices and layers, then `sham report` on all of it. Each layer is pruned by magnitude to 30, 50, 70, 90, 95 and
# 99 % zeros and its non-zeros shared with 32 values (cws, k-means) before every format encodes it; the benchmark
# matrices orsreg_1 and SiNa (already 99.7 % and 99.4 % zeros) are benched as they are. One thread, pinned to
# core 0 (taskset) where available; product times are medians of --repeat runs.
#   examples/paper/figure1.sh [OUT]       (OUT default out/paper/figure1; the report in OUT/report)
# Environment: SHAM (default ./sham), DATA (default ../shared/data), REPEAT (default 15).
# Measured on the 2-core build machine at load 19-26 from other jobs (2026-11-30): 14.7 min (vgg19-fc1 356 s,
# deepdta-fc1 86 s, lenet300 fc1 85 s and fc2 49 s, the two matrices 305 s); the time of each command is printed
# and kept in OUT/times.txt. Product times under such load are noisy: compare formats within one run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
OUT=${1:-out/paper/figure1}
SHAM=${SHAM:-./sham}
DATA=${DATA:-../shared/data}
REPEAT=${REPEAT:-15}
PIN=()
if command -v taskset > /dev/null; then PIN=(taskset -c 0); fi
mkdir -p "$OUT"
LEVELS=30,50,70,90,95,99
bench() {  # NAME ARGS...
  local name=$1; shift
  local t0=$SECONDS
  "${PIN[@]}" $SHAM bench "$@" --threads 1 --repeat "$REPEAT" --json "$OUT/$name.json" -q
  echo "$name: $((SECONDS - t0)) s, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/times.txt"
}
bench vgg19-fc1 "$DATA/layers/vgg19-mnist-fc1_p30_k32.npz" --prune $LEVELS --quantize cws:32
bench deepdta-fc1 "$DATA/layers/deepdta-davis-fc1_p30_k16.npz" --prune $LEVELS --quantize cws:32
bench lenet300-fc1 "$DATA/weights/lenet300-mnist.npz#dense_0_kernel" --prune $LEVELS --quantize cws:32
bench lenet300-fc2 "$DATA/weights/lenet300-mnist.npz#dense_1_kernel" --prune $LEVELS --quantize cws:32
bench matrices "$DATA/matrices/orsreg_1.mtx.gz" "$DATA/matrices/SiNa.mtx.gz"
$SHAM report "$OUT" --out "$OUT/report"
