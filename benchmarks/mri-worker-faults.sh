#!/bin/bash
# One run of the MRI example with --compare-sequential and the given worker flags, printing its two
# result lines and, from /proc, the worker's minor page faults and user and system CPU (ticks of
# 10 ms) at its last sample (every 0.1 s). Session 16's A/B of the workers' collector:
#   CP=target/classes:target/test-classes:$(cat /tmp/cp.txt)   # see BENCHMARKS.md
#   for i in 1 2 3 4 5; do for f in -XX:+UseG1GC -Xss1m; do benchmarks/mri-worker-faults.sh "$f"; done; done
# Extra arguments go to the example, e.g. --size 160 --coils 10.
set -u
flags="$1"; shift
samples=$(mktemp)
( while true; do
    for p in $(pgrep -f "io.github.regpy4j.worker.OperatorWorker"); do
      s=$(cut -d' ' -f10,14,15 "/proc/$p/stat" 2>/dev/null) && echo "$p $s"
    done
    sleep 0.1
  done ) > "$samples" &
watcher=$!
out=$(java -cp "$CP" io.github.regpy4j.examples.mri.ParallelMriExample --compare-sequential --jvm-flags "$flags" "$@" 2>&1 \
  | grep -E "^(parallel|sequential) \(" | tr '\n' ' ')
kill "$watcher"
echo "[$flags] $out | worker pid, minor faults, user, system: $(tail -1 "$samples")"
rm -f "$samples"
