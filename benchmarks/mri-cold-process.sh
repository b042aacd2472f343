#!/usr/bin/env bash
# The MRI example as a user's program runs it: one solve in a fresh JVM, parallel or sequential,
# with the JVM's default collector (G1 on 2 cores and 2 GiB or more) or the serial one for this
# JVM (the workers' collector is the runtime's choice either way). Alternates the four ways in
# each round and prints each run's line, then the medians of the whole run per way.
#
# usage: CP=target/classes:target/test-classes:$(cat /tmp/cp.txt) benchmarks/mri-cold-process.sh [rounds=3] [example flags...]
set -euo pipefail
: "${CP:?set CP to the test classpath (README: Benchmarks)}"
rounds=${1:-3}
shift || true
declare -A runs
for r in $(seq 1 "$rounds"); do
  for gc in -XX:+UseG1GC -XX:+UseSerialGC; do
    for mode in parallel sequential; do
      flag=""
      [ "$mode" = sequential ] && flag="--sequential"
      line=$(java "$gc" -cp "$CP" io.github.regpy4j.examples.mri.ParallelMriExample $flag "$@" 2>&1 \
        | grep -E "^(parallel|sequential) \(" | sed -E 's/ \([^)]*(JVM|coils)[^)]*\)//')
      secs=$(echo "$line" | sed -E 's/^[a-z]+: ([0-9.]+) s.*/\1/')
      echo "round $r, this JVM $gc, $mode: $line"
      runs["$gc $mode"]+="$secs "
    done
  done
done
echo "medians over $rounds rounds, whole run (worker start included):"
for key in "-XX:+UseG1GC parallel" "-XX:+UseG1GC sequential" "-XX:+UseSerialGC parallel" "-XX:+UseSerialGC sequential"; do
  m=$(echo ${runs[$key]} | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
  echo "  this JVM $key: $m s (runs: ${runs[$key]})"
done
