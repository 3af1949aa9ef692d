#!/usr/bin/env bash
# The sHAM papers' five benchmark matrices in one bench: orsreg_1 and SiNa from ../shared/data (or $MATRICES), and
# stand-ins for Covtype, Census and ImageNet generated once into OUT_DIR (7.4 GB of gzip text all told: 30 MB, 310 MB
# and 1.4 GB), then every format on all five within -Xmx12g, one format's times at a time. Prints the table and
# writes OUT_DIR/bench5.json and .csv; examples/paper/bench-tables.py turns the JSON into the README's tables.
#   examples/paper/benchmark-matrices.sh OUT_DIR
# With the real Covtype, Census and ImageNet files, bench them instead: ./sham bench covtype.mtx ... (any .mtx, .npy).
# Measured on the 2-core build machine at load 25-30: see the README (section "The benchmark matrices at full size").
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
out=${1:?usage: $0 OUT_DIR}
matrices=${MATRICES:-../shared/data/matrices}
mkdir -p "$out"
for m in covtype census imagenet; do
  if [[ ! -f "$out/$m.mtx.gz" ]]; then
    ./sham generate "$m" --seed 1 --out "$out/$m.mtx.gz"
  fi
done
JAVA_OPTS="${JAVA_OPTS:--Xmx12g}" ./sham bench "$matrices/orsreg_1.mtx.gz" "$matrices/SiNa.mtx.gz" \
    "$out/covtype.mtx.gz" "$out/census.mtx.gz" "$out/imagenet.mtx.gz" --threads 1 --repeat "${REPEAT:-1}" \
    --json "$out/bench5.json" --csv "$out/bench5.csv"
