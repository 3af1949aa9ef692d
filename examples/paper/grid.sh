#!/usr/bin/env bash
# Runs one of the papers' reduced grids (a sweep SPEC of this folder) and reports it: the tables (best per method,
# smallest psi at the baseline's score, unified vs per layer, method x k, every setting) and the plots (psi against
# the score with the Pareto front, score against k) in OUT/report/index.md. A rerun resumes where a killed run
# stopped.
#   examples/paper/grid.sh lenet300|lenet5|deepdta-davis [OUT]     (OUT default out/paper/<name>-grid)
# Environment: SHAM (default ./sham), WORKERS (default 2). Times on the 2-core build machine: see each SPEC's
# header and the README ("The papers' experiments").
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
NAME=${1:?usage: grid.sh lenet300|lenet5|deepdta-davis [OUT]}
SPEC=examples/paper/$NAME-grid.yaml
[[ -f $SPEC ]] || { echo "grid.sh: no spec $SPEC" >&2; exit 2; }
OUT=${2:-out/paper/$NAME-grid}
SHAM=${SHAM:-./sham}
nice -n 5 $SHAM sweep "$SPEC" --out "$OUT" --workers "${WORKERS:-2}"
$SHAM report "$OUT" --out "$OUT/report"
