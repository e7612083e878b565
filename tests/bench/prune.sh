#!/usr/bin/env bash
# Retention: `duckdetect prune --before T` on a database of DAYS days of EVENTS_PER_DAY events, deleting the older
# half, without and with --compact; the time, and the database file's size before and after.
#
#   tests/bench/prune.sh [DAYS] [EVENTS_PER_DAY] [RESULTS.tsv]     (defaults 8 days x 500000; run.sh calls it as
#                                                                  step 10; alone it prints its own figures)
# $BENCH_REPEAT rounds (default 3), each on a fresh copy of the detected database. Rows: prune_<mode> (seconds,
# peak kB) and prune_<mode>_bytes (before, after).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
days=${1:-8}
per_day=${2:-500000}
dir=${BENCH_DIR:-$root/bench-data}
results=${3:-$dir/prune.tsv}
standalone=$([ $# -lt 3 ] && echo 1 || echo "")
repeat=${BENCH_REPEAT:-3}
start=2026-01-01
mkdir -p "$dir/logs"
[ -n "$standalone" ] && : > "$results"
log() { printf '%s\n' "$*" >&2; }

bin="$dir/bin/duckdetect/duckdetect.dll"
if [ -n "$standalone" ] || [ ! -f "$bin" ]; then
    dotnet publish "$root/src/DuckDetect" -c Release --nologo -v quiet -o "$dir/bin/duckdetect" >/dev/null
fi
dd=(dotnet "$bin")
data="$dir/prune-${days}d"
if [ ! -f "$data/manifest.json" ]; then
    log "generating $days day(s) x $per_day events"
    rm -rf "$data"
    "${dd[@]}" generate --no-invocation-logs --out "$data" --days "$days" --events-per-day "$per_day" --start "$start" --seed 1 -q
fi
end=$(date -u -d "$start + $days days" +%Y-%m-%dT%H:%M:%SZ)
half=$(date -u -d "$start + $((days / 2)) days" +%Y-%m-%dT%H:%M:%SZ)
base="$dir/prune-base.duckdb"
if [ ! -f "$base" ]; then
    log "ingesting and detecting the $days days"
    "${dd[@]}" ingest "$data/AWSLogs" --db "$base" -q --no-publish
    "${dd[@]}" detect --from "$start" --to "$end" --db "$base" -q --format ndjson --no-publish > /dev/null
fi

for round in $(seq "$repeat"); do
    for mode in plain compact; do
        work="$dir/prune-work.duckdb"
        rm -f "$work" "$work.wal"
        cp "$base" "$work"
        bytes_before=$(stat -c %s "$work")
        options=(); [ "$mode" = compact ] && options=(--compact)
        out=$(mktemp)
        /usr/bin/time -f '%e %M' -o "$out" "${dd[@]}" prune --before "$half" --db "$work" "${options[@]}" 2> "$dir/logs/prune_$mode.err"
        read -r seconds kb < "$out"; rm -f "$out"
        bytes_after=$(( $(stat -c %s "$work") + $( [ -f "$work.wal" ] && stat -c %s "$work.wal" || echo 0) ))
        printf '%s\t%s\t%s\n' "prune_$mode" "$seconds" "$kb" >> "$results"
        printf '%s\t%s\t%s\n' "prune_${mode}_bytes" "$bytes_before" "$bytes_after" >> "$results"
        log "  prune ($mode): ${seconds}s, $((kb / 1024)) MB peak, $((bytes_before / 1048576)) MiB -> $((bytes_after / 1048576)) MiB"
    done
done
rm -f "$dir/prune-work.duckdb" "$dir/prune-work.duckdb.wal"
if [ -n "$standalone" ]; then
    cat "$results"
fi
