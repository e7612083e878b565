#!/usr/bin/env bash
# Large Parquet files: one Athena/Glue-style CloudTrail Parquet file and one Security Lake OCSF Parquet file of the
# same RECORDS records (default 1,000,000), each with a 1.6 KB requestParameters of fifty templates (so Parquet's
# dictionary encoding keeps the file small while its records hold far more once read: the files that used to run
# out of memory), and 18 repeated eventIDs (the exact load). Measures duckdetect ingest of each file against one bare
# read_parquet into a table: wall time and peak memory, $BENCH_REPEAT pairs (default 3) alternating which goes first.
#
#   tests/bench/parquet.sh [RECORDS] [RESULTS.tsv]     (run.sh calls it as step 13; alone it prints its own figures)
# Rows: ingest_parquet_large_<glue|ocsf>_<duckdetect|bare> (seconds, peak kB), parquet_large_<style>_bytes (file size,
# its records' size as JSON).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
records=${1:-1000000}
dir=${BENCH_DIR:-$root/bench-data}
results=${2:-$dir/parquet.tsv}
standalone=$([ $# -lt 2 ] && echo 1 || echo "")
repeat=${BENCH_REPEAT:-3}
mkdir -p "$dir/logs"
[ -n "$standalone" ] && : > "$results"
log() { printf '%s\n' "$*" >&2; }

if [ -n "$standalone" ] || [ ! -f "$dir/bin/duckdetect/duckdetect.dll" ]; then
    dotnet publish "$root/src/DuckDetect" -c Release --nologo -v quiet -o "$dir/bin/duckdetect" >/dev/null
    dotnet publish "$root/tests/bench/DuckSql" -c Release --nologo -v quiet -o "$dir/bin/ducksql" >/dev/null
fi
dd=(dotnet "$dir/bin/duckdetect/duckdetect.dll")
ds=(dotnet "$dir/bin/ducksql/DuckSql.dll")
data="$dir/parquet-large-$records"
if [ ! -f "$data/ocsf/ocsf.parquet" ]; then
    log "writing two Parquet files of $records records"
    rm -rf "$data"; mkdir -p "$data/glue" "$data/ocsf"
    sed -e "s|{{RECORDS}}|$records|g" -e "s|{{OUT}}|$data|g" "$root/tests/bench/sql/large_parquet.sql" > "$data/make.sql"
    "${ds[@]}" :memory: "$data/make.sql" > "$data/sizes.tsv" 2>/dev/null
fi

measure() {
    local name=$1; shift
    local out; out=$(mktemp)
    /usr/bin/time -f '%e %M' -o "$out" "$@" >/dev/null 2>"$dir/logs/$name.err"
    read -r seconds kb < "$out"; rm -f "$out"
    printf '%s\t%s\t%s\n' "$name" "$seconds" "$kb" >> "$results"
    log "  $name: ${seconds}s, $((kb / 1024)) MB peak"
}
bare_sql=$(mktemp --suffix=.sql)
for style in glue ocsf; do
    file=$(ls "$data/$style"/*.parquet)
    printf '%s\t%s\t%s\n' "parquet_large_${style}_bytes" "$(stat -c %s "$file")" "$(awk -v s="$style" '$1 == s { print $2 }' "$data/sizes.tsv")" >> "$results"
    printf "CREATE TABLE events AS SELECT * FROM read_parquet('%s')\n;\nSELECT count(*) FROM events\n" "$file" > "$bare_sql"
    cat "$file" > /dev/null
    for round in $(seq "$repeat"); do
        rm -f "$dir/dd-parquet-large.duckdb"* "$dir/bare-parquet-large.duckdb"*
        ours=("${dd[@]}" ingest "$file" --db "$dir/dd-parquet-large.duckdb" -q --no-publish)
        bare=("${ds[@]}" "$dir/bare-parquet-large.duckdb" "$bare_sql")
        if [ $((round % 2)) -eq 1 ]; then
            measure "ingest_parquet_large_${style}_duckdetect" "${ours[@]}"; measure "ingest_parquet_large_${style}_bare" "${bare[@]}"
        else
            measure "ingest_parquet_large_${style}_bare" "${bare[@]}"; measure "ingest_parquet_large_${style}_duckdetect" "${ours[@]}"
        fi
    done
done
rm -f "$bare_sql" "$dir/dd-parquet-large.duckdb"* "$dir/bare-parquet-large.duckdb"*
if [ -n "$standalone" ]; then
    "$root/tests/bench/report.sh" --parquet "$results"
fi
