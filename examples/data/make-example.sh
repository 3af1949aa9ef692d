#!/usr/bin/env bash
# Makes the bundled example matrix: the first dense layer (784x300) of the LeNet-300-100 weights in
# ../shared/data/weights, pruned to 90 % zeros and shared to at most 32 values by k-means.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
./sham encode ../shared/data/weights/lenet300-mnist.npz#dense_0_kernel --prune 90 --quantize cws:32 \
  --format sham --out "$tmp/fc1.shm"
./sham decode "$tmp/fc1.shm" --out examples/data/lenet300-fc1-p90-k32.mtx.gz
