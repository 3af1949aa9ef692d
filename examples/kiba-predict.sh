#!/usr/bin/env bash
# DeepDTA for KIBA, trained and compressed as examples/deepdta.sh does for DAVIS (dense layers pruned 85 % in two
# rounds with retraining, each layer's weights shared with k-means to at most 32 values), then every ligand x
# protein pair of KIBA (2,111 x 229 = 483,419) scored with `sham predict`, locally and on Spark local[2], and the
# two outputs compared byte for byte.
#   examples/kiba-predict.sh            (from the repository root or anywhere)
# Environment: KIBA (default ../shared/data/deepdta/kiba, relative to the repository root), OUT (default
# out/kiba), EPOCHS (baseline training budget, default 1: 52 minutes on the 2-core machine at load 8-10; compressing
# took 20 minutes there, each prediction 1-2). Leaves $OUT/baseline.sham, $OUT/model.sham, $OUT/compress.json,
# $OUT/pairs.csv and $OUT/scores-local.csv, $OUT/scores-spark.csv.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
KIBA=${KIBA:-../shared/data/deepdta/kiba}
OUT=${OUT:-out/kiba}
EPOCHS=${EPOCHS:-1}
mkdir -p "$OUT"
if [[ ! -f "$OUT/baseline.sham" ]]; then
  ./sham train deepdta-kiba --data "kiba:$KIBA" --out "$OUT/baseline.sham" --epochs "$EPOCHS" --batch 256 \
    --lr 0.001 --quiet
fi
if [[ ! -f "$OUT/model.sham" ]]; then
  ./sham compress "$OUT/baseline.sham" --data "kiba:$KIBA" --out "$OUT/model.sham" --layers dense \
    --trainable selected --prune 85 --prune-scope layer --prune-steps 2 --finetune-epochs 5 --lr 0.0005 \
    --quantize cws:32 --json "$OUT/compress.json" --quiet
fi
# Every ligand id against every protein id, as a table of pairs (ids resolved through --lookup).
python3 - "$KIBA" "$OUT/pairs.csv" <<'PY'
import json, sys
kiba, out = sys.argv[1], sys.argv[2]
ligands = json.load(open(kiba + "/ligands_can.txt"))
proteins = json.load(open(kiba + "/proteins.txt"))
with open(out, "w") as f:
    f.write("ligand_id,protein_id\n")
    for l in ligands:
        for p in proteins:
            f.write(f"{l},{p}\n")
PY
for mode in local spark; do
  master=(); [[ $mode == spark ]] && master=(--master 'local[2]')
  ./sham predict "$OUT/model.sham" --input "$OUT/pairs.csv" --column drug=ligand_id --column protein=protein_id \
    --lookup drug="$KIBA/ligands_can.txt" --lookup protein="$KIBA/proteins.txt" --output "$OUT/scores-$mode.csv" \
    --threads 2 --overwrite "${master[@]}"
done
cmp "$OUT/scores-local.csv" "$OUT/scores-spark.csv" && echo "local and Spark scores: identical"
