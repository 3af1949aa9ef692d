#!/usr/bin/env bash
# A fuzzing campaign: each fuzz test in turn for SECONDS (default 300), at low priority, through the Maven profile
# fuzz. Usage: sham4j-fuzz/campaign.sh [SECONDS] [Class#method ...] (default: every fuzz test).
# Each test's counts (test, inputs, accepted inputs, seconds) are appended to sham4j-fuzz/target/fuzz-stats.tsv and
# its log goes to sham4j-fuzz/target/fuzz-logs/; a finding is written by Jazzer as a crash-* input next to the seeds
# (src/test/resources/org/sham4j/fuzz/<Class>Inputs/<method>/), which the default test run then replays.
set -u
cd "$(dirname "$0")/.."
budget=${1:-300}
shift || true
tests=("$@")
if [ ${#tests[@]} -eq 0 ]; then
  tests=(ShmFuzzTest#shm ShmFuzzTest#dense ShmFuzzTest#csc ShmFuzzTest#csr ShmFuzzTest#coo ShmFuzzTest#im
         ShmFuzzTest#cser ShmFuzzTest#ham ShmFuzzTest#sham ShmFuzzTest#gsham ShmFuzzTest#shmMutated
         ShmFuzzTest#encode ModelFuzzTest#sham ModelFuzzTest#shamMutated OnnxFuzzTest#onnx OnnxFuzzTest#tensorPb
         KerasFuzzTest#h5 NumpyFuzzTest#npy NumpyFuzzTest#npz MatrixMarketFuzzTest#mtx MatrixMarketFuzzTest#mtxGz)
fi
mkdir -p sham4j-fuzz/target/fuzz-logs
status=0
for t in "${tests[@]}"; do
  log="sham4j-fuzz/target/fuzz-logs/${t/\#/.}.log"
  if nice -n 10 mvn -B -Pfuzz test -pl sham4j-fuzz -am -Dtest="$t" -Dsurefire.failIfNoSpecifiedTests=false \
      -Dfuzz.seconds="$budget" >"$log" 2>&1; then
    echo "$t: no finding in ${budget}s"
  else
    echo "$t: FINDING or failure, see $log"
    status=1
  fi
done
awk -F'\t' '{n[$1]+=$2; a[$1]+=$3; s[$1]+=$4} END {for (t in n) {printf "%-12s %12d inputs %10d accepted %7d s\n", t, n[t], a[t], s[t]; N+=n[t]; S+=s[t]} printf "%-12s %12d inputs %21s %7d s\n", "total", N, "", S}' \
  sham4j-fuzz/target/fuzz-stats.tsv
exit $status
