#!/usr/bin/env bash
# Runs the load generator over the standard matrix (docs/performance.md) and appends one JSON line per run
# to the file given as $1 (default: loadgen-results.jsonl). Build first:
#   ./mvnw -q -B -pl benchmarks -am -DskipTests package
# WARMUP and MEASURE (seconds) default to the issue's 20 and 10; JAVA_OPTS to -Xmx2g -XX:+UseG1GC.
set -euo pipefail
out=${1:-loadgen-results.jsonl}
jar="$(dirname "$0")/../target/loadgen.jar"
warmup=${WARMUP:-20}
measure=${MEASURE:-10}
java_opts=${JAVA_OPTS:--Xmx2g -XX:+UseG1GC}
run() {
  # shellcheck disable=SC2086
  java $java_opts -jar "$jar" --warmup "$warmup" --measure "$measure" "$@" | tee -a "$out"
}
run --transport inmemory-ref --durability memory --in-flight 256
run --transport inmemory-ref --durability memory --in-flight 1
run --transport inmemory-ref --durability memory --in-flight 16
run --transport inmemory-ref --durability memory --in-flight 64
run --transport inmemory-ref --durability memory --in-flight 1024
run --transport inmemory --durability memory --in-flight 256
run --transport inmemory --durability memory --in-flight 1
run --transport inmemory-ref --durability file-nosync --in-flight 256
run --transport inmemory-ref --durability file --in-flight 256
run --transport inmemory-ref --durability file --in-flight 1
