#!/usr/bin/env bash
# Issue 12, item 4: 8 cold workers ready, and a fresh worker's first 1000 small calls, on JDK 25
# with the AOT cache against JDK 17 with AppCDS (and each without an archive), in one run: the
# JDKs take turns, round after round, so that load on the machine falls on both alike.
#   benchmarks/archive-start.sh [rounds] [reps per round]     (default 3 x 3; about 2 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
reps=${2:-3}
jdk17=${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}
jdk25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
mvn -q -B -o test-compile
cpfile=$(mktemp)
trap 'rm -f "$cpfile"' EXIT
mvn -q -B -o org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=test >/dev/null
cp="target/test-classes:target/classes:$(cat "$cpfile")"
out=$(mktemp)
for ((r = 1; r <= rounds; r++)); do
  for jdk in "$jdk17" "$jdk25"; do
    for archive in true false; do
      "$jdk/bin/java" -cp "$cp" io.github.regpy4j.benchmarks.ArchiveProbe "$reps" "$archive" | tee -a "$out"
    done
  done
done
echo
echo "| JDK | archive | 8 cold workers ready (ms) | fresh worker, first 1000 calls (ms) | samples |"
echo "|---|---|---|---|---|"
python3 - "$out" <<'PY'
import sys, statistics, collections
rows = collections.defaultdict(lambda: ([], []))
for line in open(sys.argv[1]):
    f = dict(kv.split('=') for kv in line.split())
    key = (int(f['jdk']), f['archive'].replace('_', ' '))
    rows[key][0].append(float(f['start8_ms'])); rows[key][1].append(float(f['first1000_ms']))
for (jdk, archive), (s, c) in sorted(rows.items(), key=lambda kv: (kv[0][0], kv[0][1] == 'none')):
    print(f"| {jdk} | {archive} | {statistics.median(s):.0f} (min {min(s):.0f}, max {max(s):.0f}) "
          f"| {statistics.median(c):.0f} (min {min(c):.0f}, max {max(c):.0f}) | {len(s)} |")
PY
rm -f "$out"
