#!/usr/bin/env bash
# The added cost of the planted Bedrock model invocation logs in `generate`, and of joining them at ingest: DAYS days of
# EVENTS events (defaults 1 and 200,000), generated with and without invocation logs, interleaved, $BENCH_GENERATE_RUNS
# times each (default 3); then the generated data ingested with and without its invocation logs, as many times. Prints
# the load (uptime) and each run's wall time and peak memory (GNU time's maximum resident set).
#
#   DUCKDETECT=/path/to/duckdetect tests/bench/generate.sh [DAYS] [EVENTS]
set -euo pipefail
tool=${DUCKDETECT:?set DUCKDETECT to the duckdetect program}
days=${1:-1}
events=${2:-200000}
runs=${BENCH_GENERATE_RUNS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
timed() { # timed LABEL COMMAND...: one line of wall seconds and peak resident MB
    local label=$1
    shift
    /usr/bin/time -f "$label %e s, peak %M KB" "$@" 2>&1 >/dev/null | grep -E "^$label " | awk '{ printf "%s %s s, peak %d MB\n", $1, $2, $5 / 1024 }'
}
echo "load: $(uptime)"
for run in $(seq 1 "$runs"); do
    rm -rf "$work/with" "$work/without"
    timed "generate_with_invocation_logs" "$tool" generate --out "$work/with" --days "$days" --events-per-day "$events" -q
    timed "generate_without_invocation_logs" "$tool" generate --out "$work/without" --days "$days" --events-per-day "$events" --no-invocation-logs -q
done
echo "load: $(uptime)"
for run in $(seq 1 "$runs"); do
    rm -f "$work"/*.duckdb*
    timed "ingest_with_invocation_logs" "$tool" ingest "$work/with/AWSLogs" --db "$work/with.duckdb" --no-publish -q
    timed "ingest_cloudtrail_only" "$tool" ingest "$work/without/AWSLogs" --db "$work/without.duckdb" --no-publish -q
done
