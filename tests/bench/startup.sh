#!/usr/bin/env bash
# Start-up of duckdetect as a process: `duckdetect --version` and an empty `detect` (a database with its schema and
# no events; as cron runs it, publishing the analyst database, and with --no-publish), against a bare DuckDB program
# that opens the same file and runs one query.
#
#   tests/bench/startup.sh [RESULTS.tsv]        (run.sh calls it; alone it prints its own table)
#
# Variants, each its own build of the same code:
#   tool      the tool package as `dotnet tool install` installs it (this platform's package: native code, Native AOT)
#   r2r       framework-dependent with ReadyToRun: what the packages of the other platforms hold
#   jit       framework-dependent without ReadyToRun: every method compiled by the JIT at first use
# $BENCH_STARTUP_RUNS rounds (default 20); each round runs every variant once, in an order that rotates from round
# to round. Wall and CPU (user + system) times go to RESULTS.tsv as startup_<what>_<variant> and ..._cpu.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=${BENCH_DIR:-$root/bench-data}
runs=${BENCH_STARTUP_RUNS:-20}
results=${1:-$dir/startup.tsv}
standalone=$([ $# -eq 0 ] && echo 1 || echo "")
mkdir -p "$dir"
[ -n "$standalone" ] && : > "$results"
log() { printf '%s\n' "$*" >&2; }

case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) rid=linux-x64 ;;
    Linux-aarch64 | Linux-arm64) rid=linux-arm64 ;;
    Darwin-arm64) rid=osx-arm64 ;;
    Darwin-x86_64) rid=osx-x64 ;;
    *) log "start-up: no tool package for $(uname -sm)"; exit 0 ;;
esac
work="$dir/startup"
rm -rf "$work"; mkdir -p "$work"
quiet=(--nologo -v quiet)

log "start-up: packing the tool for $rid (native code) and installing it into $work/tool"
dotnet pack "$root/src/DuckDetect" -c Release -o "$work/feed" --artifacts-path "$work/artifacts" -p:RuntimeIdentifiers="$rid" \
    -p:CreateRidSpecificToolPackages=false "${quiet[@]}" >/dev/null
dotnet pack "$root/src/DuckDetect" -c Release -o "$work/feed" --artifacts-path "$work/artifacts" -r "$rid" -p:RuntimeIdentifiers="$rid" \
    -p:DuckDetectNative=true \
    "${quiet[@]}" >/dev/null
cat > "$work/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><clear /><add key="local" value="$work/feed" /></packageSources></configuration>
CONFIG
dotnet tool install DuckDetect --tool-path "$work/tool" --configfile "$work/nuget.config" >/dev/null
log "start-up: building the ReadyToRun and JIT variants and the bare program"
dotnet publish "$root/src/DuckDetect" -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true \
    --artifacts-path "$work/artifacts-r2r" -o "$work/r2r" "${quiet[@]}" >/dev/null
dotnet publish "$root/src/DuckDetect" -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=false \
    --artifacts-path "$work/artifacts-jit" -o "$work/jit" "${quiet[@]}" >/dev/null
dotnet publish "$root/tests/bench/DuckSql" -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true \
    --artifacts-path "$work/artifacts-bare" -o "$work/bare" "${quiet[@]}" >/dev/null

db="$work/empty.duckdb"
"$work/tool/duckdetect" detect --db "$db" -q >/dev/null
declare -A command=(
    [version_tool]="$work/tool/duckdetect --version"
    [detect_tool]="$work/tool/duckdetect detect --db $db -q"
    [nopublish_tool]="$work/tool/duckdetect detect --db $db -q --no-publish"
    [version_r2r]="$work/r2r/duckdetect --version"
    [detect_r2r]="$work/r2r/duckdetect detect --db $db -q"
    [nopublish_r2r]="$work/r2r/duckdetect detect --db $db -q --no-publish"
    [version_jit]="$work/jit/duckdetect --version"
    [detect_jit]="$work/jit/duckdetect detect --db $db -q"
    [bare]="$work/bare/DuckSql $db $root/tests/bench/sql/bare_startup.sql"
)
names=(version_tool detect_tool nopublish_tool version_r2r detect_r2r nopublish_r2r version_jit detect_jit bare)
for name in "${names[@]}"; do ${command[$name]} >/dev/null 2>&1; done   # warm the page cache

# timed NAME: runs it once; appends wall and CPU seconds (bash's own clock, millisecond resolution)
timed() {
    local t; t=$( { TIMEFORMAT='%3R %3U %3S'; time ${command[$1]} >/dev/null 2>&1; } 2>&1 )
    read -r wall user sys <<<"$t"
    printf 'startup_%s\t%s\t0\n' "$1" "$wall" >> "$results"
    printf 'startup_%s_cpu\t%s\t0\n' "$1" "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.3f", u + s }')" >> "$results"
}
log "start-up: $runs rounds of ${#names[@]} commands"
for round in $(seq "$runs"); do
    for i in "${!names[@]}"; do
        timed "${names[$(( (i + round) % ${#names[@]} ))]}"
    done
done
if [ -n "$standalone" ]; then
    "$root/tests/bench/report.sh" --startup "$results"
fi
