#!/usr/bin/env bash
# Runs the regpy4j benchmark harness (issue 5) with a real classpath, so child JVMs find every class.
#   benchmarks/run.sh                 the full run (about 4 minutes), results in benchmarks/results/
#   benchmarks/run.sh --quick         a few seconds per suite
#   benchmarks/run.sh --suites percall,bulk --worker-jvm-args "-Xmx256m"
set -euo pipefail
cd "$(dirname "$0")/.."
# exec:exec splits its arguments itself and understands double quotes (printf %q's backslashes
# it would keep: `--suites a,b` became `a\,b`).
args=""
for a in "$@"; do
  args+="\"${a//\"/\\\"}\" "
done
# -Dexec.jvmArgs=: the harness's own JVM keeps the JVM's default collector, as every recorded run had it.
exec ./mvnw -q -B -o test-compile exec:exec -Dexec.mainClass=io.github.regpy4j.benchmarks.Harness \
  -Dexec.jvmArgs= -Dexec.programArgs="$args"
