#!/usr/bin/env bash
# Prints the benchmark's results.tsv as a table: median times, the ratio DuckDetect/bare of the medians with the
# range of the pairs' ratios, and the highest peak memory. A name appears once per round in results.tsv.
set -euo pipefail
results=$1; events_1x=$2; days=$3; per_day=$4
# values NAME COLUMN: that column of every row named NAME, in round order
values() { awk -v n="$1" -v c="$2" '$1 == n { print $c }' "$results"; }
median() { values "$1" "$2" | sort -g | awk '{ v[NR] = $1 } END { if (NR) printf "%.3f", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
highest() { values "$1" "$2" | sort -g | tail -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
# spread OURS BARE: the lowest and highest ratio of the pairs, round by round
spread() {
    paste <(values "$1" 2) <(values "$2" 2) | awk '$2 > 0 { r = $1 / $2; if (NR == 1 || r < lo) lo = r; if (NR == 1 || r > hi) hi = r }
        END { if (NR > 1) printf "%.2f-%.2f", lo, hi }'
}
mb() { awk -v k="$1" 'BEGIN { printf "%d", k / 1024 }'; }
rounds=$(values ingest_json_1x_duckdetect 2 | wc -l)
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr); data: ${days} day(s) x ${per_day} events a day (1x = ${events_1x} events); medians of ${rounds} round(s)"
printf '%-36s %10s %9s %6s %11s %11s %11s\n' "step" "DuckDetect" "bare" "ratio" "pair range" "DD peak MB" "bare peak MB"
row() {
    local label=$1 ours=$2 bare=$3
    local t1 t2 m1 m2
    t1=$(median "$ours" 2); m1=$(highest "$ours" 3)
    if [ -n "$bare" ]; then t2=$(median "$bare" 2); m2=$(highest "$bare" 3); else t2=""; m2=""; fi
    printf '%-36s %9.3fs %9s %6s %11s %11s %11s\n' "$label" "$t1" "${t2:+$(printf '%.3fs' "$t2")}" \
        "$( [ -n "$t2" ] && ratio "$t1" "$t2" || echo -)" "$( [ -n "$bare" ] && spread "$ours" "$bare" || echo -)" \
        "$( [ "$m1" != 0 ] && mb "$m1" || echo -)" "$( [ -n "$m2" ] && [ "$m2" != 0 ] && mb "$m2" || echo -)"
}
row "ingest JSON.gz 1x" ingest_json_1x_duckdetect ingest_json_1x_bare
row "ingest JSON.gz 4x" ingest_json_4x_duckdetect ingest_json_4x_bare
row "ingest Parquet 1x" ingest_parquet_1x_duckdetect ingest_parquet_1x_bare
row "backfill detect 1x" detect_backfill_1x_duckdetect detect_backfill_1x_bare
row "backfill detect 2x" detect_backfill_2x_duckdetect detect_backfill_2x_bare
row "backfill detect 4x" detect_backfill_4x_duckdetect detect_backfill_4x_bare
row "backfill detect 1x, inside the engine" detect_backfill_1x_engine detect_backfill_1x_bare_query
row "backfill detect 2x, inside the engine" detect_backfill_2x_engine detect_backfill_2x_bare_query
row "backfill detect 4x, inside the engine" detect_backfill_4x_engine detect_backfill_4x_bare_query
row "ingest JSON.gz, hourly files" ingest_hourly_duckdetect ingest_hourly_bare
row "ingest JSON.gz, 3-hourly files" ingest_hours3_duckdetect ingest_hours3_bare
row "scheduled run, archive + new files" scheduled_archive_duckdetect scheduled_archive_bare
row "scheduled detect, newest 10 min, 1x" detect_scheduled_1x_duckdetect ""
row "scheduled detect, newest 10 min, 2x" detect_scheduled_2x_duckdetect ""
row "scheduled detect, newest 10 min, 4x" detect_scheduled_4x_duckdetect ""
echo "scheduled run over the archive: $(values archive_files 2 | head -1) files already loaded; bare = the same run with --full-listing"
echo "inside the engine: DuckDetect's detect_runs.duration_ms (windows, rule, suppression, alerts, state) against the bare query's own statement"
echo "scheduled detect inside the engine, 1x / 2x / 4x: $(median detect_scheduled_1x_engine 2)s / $(median detect_scheduled_2x_engine 2)s / $(median detect_scheduled_4x_engine 2)s"
t=$(median ingest_json_1x_duckdetect 2); t4=$(median ingest_json_4x_duckdetect 2)
echo "ingest JSON.gz: $(awk -v e="$events_1x" -v t="$t" 'BEGIN { printf "%d", e / t }') events/s at 1x, $(awk -v e="$events_1x" -v t="$t4" 'BEGIN { printf "%d", 4 * e / t }') at 4x (process start included)"
