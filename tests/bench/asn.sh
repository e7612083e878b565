#!/usr/bin/env bash
# AS enrichment's cost (docs/enrichment.md#performance):
#   1. `asn load` of ip-location-db's AS CSVs (npm @ip-location-db/asn: asn-ipv4.csv and asn-ipv6.csv, about 515,000
#      ranges) into a database without events, and into one holding the generated day (every stored source IP is then
#      looked up, and the alerts take their AS);
#   2. `ingest` of the generated day into a fresh database with that AS data loaded  vs  without AS data, interleaved.
#
#   tests/bench/asn.sh [EVENTS_PER_DAY]        (default 500000: one day of the benchmark's size)
#
# DUCKDETECT_BIN is the program to measure (default: a ReadyToRun build published under $BENCH_DIR); each series runs
# $BENCH_REPEAT times (default 3). Prints the median and the range of each series, and the load average before each.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
per_day=${1:-500000}
dir=${BENCH_DIR:-$root/bench-data}/asn
repeat=${BENCH_REPEAT:-3}
mkdir -p "$dir"
log() { printf '%s\n' "$*" >&2; }

if [ -n "${DUCKDETECT_BIN:-}" ]; then
    dd=("$DUCKDETECT_BIN")
else
    dotnet publish "$root/src/DuckDetect" -c Release --nologo -v quiet -p:PublishReadyToRun=true -r linux-x64 --self-contained false -o "$dir/bin" >/dev/null
    dd=(dotnet "$dir/bin/duckdetect.dll")
fi

if [ ! -f "$dir/package/asn-ipv4.csv" ]; then
    (cd "$dir" && npm pack --silent @ip-location-db/asn >/dev/null && tar xzf ip-location-db-asn-*.tgz)
fi
csv=("$dir/package/asn-ipv4.csv" "$dir/package/asn-ipv6.csv")
if [ ! -d "$dir/data/AWSLogs" ]; then
    "${dd[@]}" generate --no-invocation-logs --out "$dir/data" --days 1 --events-per-day "$per_day" --start 2026-01-01 --quiet
fi

# seconds of one command's wall time
timed() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>>"$dir/stderr.log"; e=$(date +%s.%N); echo "$e - $s" | bc; }
stats() { sort -n | awk '{v[NR]=$1} END {printf "median %.2f s (%.2f-%.2f, n=%d)", v[int((NR+1)/2)], v[1], v[NR], NR}'; }

empty_load=() with_events_load=() ingest_on=() ingest_off=()
for i in $(seq "$repeat"); do
    log "round $i: load $(cut -d' ' -f1-3 /proc/loadavg)"
    rm -f "$dir"/*.duckdb "$dir"/*.duckdb.wal
    empty_load+=("$(timed "${dd[@]}" asn load "${csv[@]}" --db "$dir/empty.duckdb" --no-publish -q)")
    # Interleaved, and alternating which goes first.
    if (( i % 2 )); then order=(off on); else order=(on off); fi
    for side in "${order[@]}"; do
        if [ "$side" = on ]; then
            "${dd[@]}" asn load "${csv[@]}" --db "$dir/on.duckdb" --no-publish -q
            ingest_on+=("$(timed "${dd[@]}" ingest "$dir/data/AWSLogs" --db "$dir/on.duckdb" --no-publish -q)")
        else
            ingest_off+=("$(timed "${dd[@]}" ingest "$dir/data/AWSLogs" --db "$dir/off.duckdb" --no-publish -q)")
        fi
    done
    with_events_load+=("$(timed "${dd[@]}" asn load "${csv[@]}" --db "$dir/off.duckdb" --no-publish -q)")
done

events=$("${dd[@]}" status --db "$dir/on.duckdb" --format json | sed -n 's/.*"stored": *\([0-9]*\).*/\1/p' | head -1)
ips=$("${dd[@]}" asn status --db "$dir/on.duckdb" --format json | tr -d '\n ' | sed -n 's/.*"source_ips":{"stored":\([0-9]*\),"with_as":\([0-9]*\)}.*/\1 source IPs, \2 with an AS/p')
printf 'AS data: %s (%s ranges)\n' "$(basename -a "${csv[@]}" | tr '\n' ' ')" "$(cat "${csv[@]}" | wc -l)"
printf 'events: %s in %s files; %s\n' "$events" "$(find "$dir/data/AWSLogs" -type f | wc -l)" "$ips"
printf 'asn load, empty database:        %s\n' "$(printf '%s\n' "${empty_load[@]}" | stats)"
printf 'asn load, database with the day: %s\n' "$(printf '%s\n' "${with_events_load[@]}" | stats)"
printf 'ingest without AS data:          %s\n' "$(printf '%s\n' "${ingest_off[@]}" | stats)"
printf 'ingest with AS data:             %s\n' "$(printf '%s\n' "${ingest_on[@]}" | stats)"
