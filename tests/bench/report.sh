#!/usr/bin/env bash
# Prints the benchmark's results.tsv as a table: times, ratios DuckDetect/bare, peak memory.
set -euo pipefail
results=$1; events_1x=$2; days=$3; per_day=$4
get() { awk -v n="$1" -v c="$2" '$1 == n { print $c }' "$results"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%d", k / 1024 }'; }
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr); data: ${days} day(s) x ${per_day} events a day (1x = ${events_1x} events)"
printf '%-34s %10s %10s %7s %12s %12s\n' "step" "DuckDetect" "bare" "ratio" "DD peak MB" "bare peak MB"
row() {
    local label=$1 ours=$2 bare=$3
    local t1 t2 m1 m2
    t1=$(get "$ours" 2); m1=$(get "$ours" 3)
    if [ -n "$bare" ]; then t2=$(get "$bare" 2); m2=$(get "$bare" 3); else t2=""; m2=""; fi
    printf '%-34s %9ss %9s %7s %12s %12s\n' "$label" "$t1" "${t2:+${t2}s}" "$( [ -n "$t2" ] && ratio "$t1" "$t2" || echo -)" "$(mb "$m1")" "$( [ -n "$m2" ] && mb "$m2" || echo -)"
}
row "ingest JSON.gz 1x" ingest_json_1x_duckdetect ingest_json_1x_bare
row "ingest JSON.gz 4x" ingest_json_4x_duckdetect ingest_json_4x_bare
row "ingest Parquet 1x" ingest_parquet_1x_duckdetect ingest_parquet_1x_bare
row "backfill detect 1x" detect_backfill_1x_duckdetect detect_backfill_1x_bare
row "backfill detect 2x" detect_backfill_2x_duckdetect detect_backfill_2x_bare
row "backfill detect 4x" detect_backfill_4x_duckdetect detect_backfill_4x_bare
row "scheduled detect, newest 10 min, 1x" detect_scheduled_1x_duckdetect ""
row "scheduled detect, newest 10 min, 2x" detect_scheduled_2x_duckdetect ""
row "scheduled detect, newest 10 min, 4x" detect_scheduled_4x_duckdetect ""
for x in 1 2 4; do
    e=$(get "detect_backfill_${x}x_engine" 2); b=$(get "detect_backfill_${x}x_bare_query" 2)
    echo "backfill detect ${x}x without process start: DuckDetect engine ${e}s (windows, suppression, alerts, state) vs bare query ${b}s: ratio $(ratio "$e" "$b")"
done
echo "scheduled detect inside the engine (detect_runs.duration_ms), 1x / 2x / 4x: $(get detect_scheduled_1x_engine 2)s / $(get detect_scheduled_2x_engine 2)s / $(get detect_scheduled_4x_engine 2)s"
t=$(get ingest_json_1x_duckdetect 2)
echo "ingest JSON.gz 1x: $(awk -v e="$events_1x" -v t="$t" 'BEGIN { printf "%d", e / t }') events/s (process start included)"
