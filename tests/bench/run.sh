#!/usr/bin/env bash
# DuckDetect's benchmark: DuckDetect against bare DuckDB, side by side on the same generated CloudTrail.
#
#   tests/bench/run.sh [DAYS] [EVENTS_PER_DAY]        (defaults: 2 days, 500000 events a day)
#
# It generates 1x, 2x and 4x DAYS of data (JSON.gz) and 1x as Parquet under $BENCH_DIR (default ./bench-data), CloudTrail
# only (--no-invocation-logs: the series compare CloudTrail ingest; tests/bench/generate.sh measures the logs), then
# measures, each with its wall time and peak memory (max RSS, /usr/bin/time):
#   1. ingest of JSON.gz        duckdetect ingest   vs  one read_json with explicit column types into a table
#   2. ingest of Parquet        duckdetect ingest   vs  one read_parquet into a table
#   3. backfill detect          duckdetect detect   vs  one bare query computing the same windows and threshold
#   4. scheduled detect of the newest 10 minutes on a database holding 1x, 2x and 4x the history
#   5. peak memory of each at 1x and 4x the data
#   6. publishing the analyst database after a scheduled run at 1x and 4x history, and with a month of sustained
#      alerts (720 alerts, the evidence of the last 7 days); 6b (scheduled.sh, after step 7): scheduled runs with the
#      next day's files, 10 minutes at a time, by the installed native tool, the share its publish takes, and what
#      delivery to two destinations (a webhook, Elasticsearch) on a local receiver takes
#   7. start-up (startup.sh): `--version` and an empty detect of the installed tool package (native code), of a
#      ReadyToRun build and of a JIT build, against a bare DuckDB program opening the same file
#   8. ingest of larger delivery files: hourly files (2M events, about 1 MB of gzip each) and 3-hourly files
#      (10M events, about 4 MB each), duckdetect ingest  vs  the same bare read_json
#   9. a scheduled run over a synced archive: $BENCH_ARCHIVE_DAYS days (default 60) of 16,000 events a day in 5-minute
#      files (2,592 files a day) already loaded, and the next 10 minutes' files new: duckdetect run with the fast
#      listing  vs  the same run with --full-listing (every file listed and checked, as before the fast listing)
#  10. tune over the whole history at 1x and 4x (the five default thresholds, the current one among them)  vs  one
#      backfill detect --what-if at one threshold (what tuning cost per threshold before tune)
# and prints a table with times, ratios and memory; the raw figures go to $BENCH_DIR/results.tsv, each run's stderr
# to $BENCH_DIR/logs/.
#  11. each rule alone: backfill at 1x and 4x, then the scheduled detect of the newest 10 minutes after it; 11b. the
#      four threshold rules together and every rule together (one pass), backfill and scheduled at 1x and 4x, against
#      the bare single-rule anchor (bare_detect.sql), with peak memory; BENCH_NATIVE=path/to/duckdetect adds the
#      scheduled detect of every rule by that (native) program, then the next hour of scheduled runs every 10 minutes
#  13. ingest of one large Parquet file in each column style (parquet.sh): Athena/Glue and Security Lake OCSF, 1M
#      records each whose requestParameters make them hold far more once read than on disk, against a bare read_parquet
#  14. S3 sources (s3.sh): ingest of the 1x files from the local S3 server (s3rver) against the
#      same files from disk, and a scheduled run against a bucket of the 60-day archive with one new object
# BENCH_ONLY=publish runs step 6 alone (its databases are ingested and detected without measuring); BENCH_ONLY=tune
# runs step 10 alone, BENCH_ONLY=rules step 11, BENCH_ONLY=prune step 12 and BENCH_ONLY=parquet step 13, BENCH_ONLY=s3 step 14 (their databases are ingested without measuring). Steps 3 and 4 run
# the seed rule (--rule), which the bare query computes; step 11 runs each rule. BENCH_START (default 2026-01-01) is
# the first day of the generated data; BENCH_RULES_SCALES (default "1 4") the scales step 11 measures;
# BENCH_RULES_EACH (default all) names the rules step 11 measures one by one (seed, distributed, low_and_slow,
# baseline; none for step 11b alone).
# Each pair runs $BENCH_REPEAT times (default 3), alternating which side goes first, on fresh databases: the table
# gives the median time of each side, the highest peak memory, and the range of the pairs' ratios (a shared VM moves
# a single run by up to 10%).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
days=${1:-2}
per_day=${2:-500000}
dir=${BENCH_DIR:-$root/bench-data}
repeat=${BENCH_REPEAT:-3}
start=${BENCH_START:-2026-01-01}
archive_days=${BENCH_ARCHIVE_DAYS:-60}
seed_rule=56312ef5-656c-4bf7-ad9a-affed052b102
rules=(seed:$seed_rule distributed:ad077b94-32a3-470b-82cf-05975564baa9 low_and_slow:103f83b8-f5d2-4d42-9fcb-ecb7900e1c56
       baseline:1934bd11-f476-48cd-a252-1ccf6ad54042)
mkdir -p "$dir"
results="$dir/results.tsv"
: > "$results"

# shellcheck source=lib.sh
. "$root/tests/bench/lib.sh"

# Both programs are published as a deployment would be: Release, ahead-of-time compiled (ReadyToRun) where the
# platform is known, so that neither side's times include the JIT compiling .NET code on first use. DuckDetect is
# built as the ReadyToRun package of the other platforms (without DuckDetectNative), the build every figure of
# docs/performance.md was measured with; step 7 measures the native tool package of this platform.
case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) rid=linux-x64 ;;
    Linux-aarch64 | Linux-arm64) rid=linux-arm64 ;;
    Darwin-arm64) rid=osx-arm64 ;;
    Darwin-x86_64) rid=osx-x64 ;;
    *) rid="" ;;
esac
publish=(-c Release --nologo -v quiet)
if [ -n "$rid" ]; then publish+=(-r "$rid" --self-contained false -p:PublishReadyToRun=true); fi
log "building (Release${rid:+, ReadyToRun for $rid})"
dotnet publish "$root/src/DuckDetect" "${publish[@]}" -o "$dir/bin/duckdetect" >/dev/null
dotnet publish "$root/tests/bench/DuckSql" "${publish[@]}" -o "$dir/bin/ducksql" >/dev/null
dd=(dotnet "$dir/bin/duckdetect/duckdetect.dll")
ds=(dotnet "$dir/bin/ducksql/DuckSql.dll")
duckdetect() { "${dd[@]}" "$@"; }
ducksql() { "${ds[@]}" "$@"; }

# engine NAME DATABASE: records the last detect run's own time (detect_runs.duration_ms) as NAME
engine() {
    local ms; ms=$(ducksql "$2" <(echo "SELECT duration_ms FROM detect_runs ORDER BY run_id DESC LIMIT 1"))
    printf '%s\t%s\t%s\n' "$1" "$(awk -v m="$ms" 'BEGIN { printf "%.3f", m / 1000 }')" 0 >> "$results"
}

# script FILE DATA: a bare SQL script with its data folder filled in
script() { local s; s=$(mktemp --suffix=.sql); sed "s|{{DATA}}|$2|g" "$1" > "$s"; echo "$s"; }

for x in 1 2 4; do
    # Step 11 alone needs only its scales' databases: no files where they are already ingested.
    if [ "${BENCH_ONLY:-}" = rules ]; then
        case " ${BENCH_RULES_SCALES:-1 4} " in
            *" $x "*) if [ -f "$dir/dd-${x}x.duckdb" ]; then continue; fi ;;
            *) continue ;;
        esac
    fi
    if [ ! -f "$dir/json-${x}x/manifest.json" ]; then
        log "generating ${x}x: $((days * x)) day(s) x $per_day events (JSON.gz)"
        rm -rf "$dir/json-${x}x"
        duckdetect generate --no-invocation-logs --out "$dir/json-${x}x" --days $((days * x)) --events-per-day "$per_day" --start "$start" --seed 1 -q
    fi
done
# larger NAME DAYS EVENTS_PER_DAY FILE_MINUTES: generates JSON.gz with longer delivery files
larger() {
    if [ ! -f "$dir/$1/manifest.json" ]; then
        log "generating $1: $2 day(s) x $3 events, one file per account, region and $4 minutes"
        rm -rf "$dir/$1"
        duckdetect generate --no-invocation-logs --out "$dir/$1" --days "$2" --events-per-day "$3" --file-minutes "$4" --start "$start" --seed 1 -q
    fi
}
if [ -z "${BENCH_ONLY:-}" ]; then
larger hourly 1 2000000 60
larger hours3 4 2500000 180
if [ ! -f "$dir/archive-${archive_days}d/manifest.json" ]; then
    log "generating the synced archive: $archive_days days x 16000 events, and the day after it"
    rm -rf "$dir/archive-${archive_days}d" "$dir/archive-next"
    duckdetect generate --no-invocation-logs --out "$dir/archive-${archive_days}d" --days "$archive_days" --events-per-day 16000 --start 2025-01-01 --seed 1 -q
fi
if [ ! -f "$dir/archive-next-${archive_days}d/manifest.json" ]; then
    rm -rf "$dir/archive-next-${archive_days}d"
    duckdetect generate --no-invocation-logs --out "$dir/archive-next-${archive_days}d" --days 1 --events-per-day 16000 \
        --start "$(date -u -d "2025-01-01 + $archive_days days" +%Y-%m-%d)" --seed 2 -q
fi
if [ ! -f "$dir/parquet-1x/manifest.json" ]; then
    log "generating 1x as Parquet"
    rm -rf "$dir/parquet-1x"
    duckdetect generate --no-invocation-logs --out "$dir/parquet-1x" --days "$days" --events-per-day "$per_day" --start "$start" --seed 1 --format parquet -q
fi
fi
# Step 11 alone keeps the ingested databases (dd-Nx: the same files give the same database) and measures on copies.
if [ "${BENCH_ONLY:-}" = rules ]; then
    find "$dir" -maxdepth 1 \( -name '*.duckdb' -o -name '*.duckdb.wal' \) ! -name 'dd-*' -delete
    rm -rf "$dir/logs"
else
    rm -rf "$dir"/*.duckdb "$dir"/*.duckdb.wal "$dir/logs"
fi
mkdir -p "$dir/logs"

# fresh DATABASE...: removes the databases (and their WAL) so that a round starts from nothing
fresh() { for db in "$@"; do rm -f "$db" "$db.wal"; done; }

# warm FOLDER: reads every file once, so that neither side of a pair pays for reading it from disk
warm() { find "$1" -type f -exec cat {} + > /dev/null; }

# pair NAME OURS_COMMAND -- BARE_COMMAND: measures both, DuckDetect first in odd rounds and bare first in even ones
pair() {
    local name=$1 round=$2; shift 2
    local ours=() bare=()
    while [ "$1" != "--" ]; do ours+=("$1"); shift; done
    shift; bare=("$@")
    if [ $((round % 2)) -eq 1 ]; then
        measure "${name}_duckdetect" "${ours[@]}"; measure "${name}_bare" "${bare[@]}"
    else
        measure "${name}_bare" "${bare[@]}"; measure "${name}_duckdetect" "${ours[@]}"
    fi
}

# tune_step: step 10, tune against one what-if backfill at 1x and 4x history ($repeat rounds each)
tune_step() {
    log "10. tune over the history at 1x and 4x, against one detect --what-if at one threshold ($repeat rounds each)"
    for x in 1 4; do
        local end; end=$(date -u -d "$start + $((days * x)) days" +%Y-%m-%dT%H:%M:%SZ)
        [ -f "$dir/dd-${x}x.duckdb" ] || duckdetect ingest "$dir/json-${x}x/AWSLogs" --db "$dir/dd-${x}x.duckdb" -q --no-publish
        for round in $(seq "$repeat"); do
            measure "tune_${x}x" "${dd[@]}" tune --db "$dir/dd-${x}x.duckdb" --to "$end" --format csv -q
            rm -f "$dir/what-if-${x}x.duckdb" "$dir/what-if-${x}x.duckdb.wal"
            measure "what_if_${x}x" "${dd[@]}" detect --db "$dir/dd-${x}x.duckdb" --what-if "$dir/what-if-${x}x.duckdb" --threshold 300 \
                --to "$end" -q --format ndjson
        done
        "${dd[@]}" tune --db "$dir/dd-${x}x.duckdb" --to "$end" --format csv -q > "$dir/logs/tune_${x}x.csv"
    done
}
# rules_step: step 11, each rule alone: a backfill at 1x and 4x, then the scheduled detect of the newest 10 minutes
rules_step() {
    log "11. each rule alone: backfill at ${BENCH_RULES_SCALES:-1 4}x, then the scheduled detect of the newest 10 minutes after it"
    for x in ${BENCH_RULES_SCALES:-1 4}; do
        local end before name id
        end=$(date -u -d "$start + $((days * x)) days" +%Y-%m-%dT%H:%M:%SZ)
        before=$(date -u -d "$end - 10 minutes" +%Y-%m-%dT%H:%M:%SZ)
        [ -f "$dir/dd-${x}x.duckdb" ] || duckdetect ingest "$dir/json-${x}x/AWSLogs" --db "$dir/dd-${x}x.duckdb" -q --no-publish
        for rule in "${rules[@]}"; do
            name=${rule%%:*}; id=${rule#*:}
            case " ${BENCH_RULES_EACH:-all} " in " all "|*" $name "*) ;; *) continue ;; esac
            for round in $(seq "$repeat"); do
                cp "$dir/dd-${x}x.duckdb" "$dir/rule-${x}x.duckdb"
                measure "rule_${name}_backfill_${x}x" "${dd[@]}" detect --rule "$id" --from "$start" --to "$before" --db "$dir/rule-${x}x.duckdb" -q --format ndjson --no-publish
                engine "rule_${name}_backfill_${x}x_engine" "$dir/rule-${x}x.duckdb"
                measure "rule_${name}_scheduled_${x}x" "${dd[@]}" detect --rule "$id" --to "$end" --db "$dir/rule-${x}x.duckdb" -q --format ndjson --no-publish
                engine "rule_${name}_scheduled_${x}x_engine" "$dir/rule-${x}x.duckdb"
            done
        done
        # 11b. the rules together in one pass: the four threshold rules (the event rules disabled), then every rule;
        # against the bare anchor (one scan, the seed rule's hopping windows, count and lists: bare_detect.sql).
        local event_rules
        event_rules=$("${dd[@]}" rules --db "$dir/dd-${x}x.duckdb" --format json | jq -r '.[] | select(.type != "threshold") | .rule_id')
        for round in $(seq "$repeat"); do
            cp "$dir/dd-${x}x.duckdb" "$dir/bare-rules-${x}x.duckdb"
            measure "rules_anchor_${x}x" "${ds[@]}" "$dir/bare-rules-${x}x.duckdb" "$root/tests/bench/sql/bare_detect.sql"
            for set in threshold all; do
                cp "$dir/dd-${x}x.duckdb" "$dir/rules-${x}x.duckdb"
                if [ "$set" = threshold ]; then
                    for id in $event_rules; do "${dd[@]}" rules disable "$id" --db "$dir/rules-${x}x.duckdb" -q; done
                fi
                measure "rules_${set}_backfill_${x}x" "${dd[@]}" detect --from "$start" --to "$before" --db "$dir/rules-${x}x.duckdb" -q --format ndjson --no-publish
                engine "rules_${set}_backfill_${x}x_engine" "$dir/rules-${x}x.duckdb"
                # the native program's scheduled detect starts from the same backfilled database
                if [ -x "${BENCH_NATIVE:-}" ]; then cp "$dir/rules-${x}x.duckdb" "$dir/rules-native-${x}x.duckdb"; fi
                measure "rules_${set}_scheduled_${x}x" "${dd[@]}" detect --to "$end" --db "$dir/rules-${x}x.duckdb" -q --format ndjson --no-publish
                engine "rules_${set}_scheduled_${x}x_engine" "$dir/rules-${x}x.duckdb"
                if [ -x "${BENCH_NATIVE:-}" ]; then
                    measure "rules_${set}_scheduled_${x}x_native" "$BENCH_NATIVE" detect --to "$end" --db "$dir/rules-native-${x}x.duckdb" -q --format ndjson --no-publish
                    engine "rules_${set}_scheduled_${x}x_native_engine" "$dir/rules-native-${x}x.duckdb"
                    # the next hour of scheduled runs, every 10 minutes: the rules on the hourly grid (low-and-slow)
                    # evaluate at its end only, so five runs of six do not read their day-long window
                    local k next
                    for k in 1 2 3 4 5 6; do
                        next=$(date -u -d "$end + $((k * 10)) minutes" +%Y-%m-%dT%H:%M:%SZ)
                        measure "rules_${set}_next_${x}x_native" "$BENCH_NATIVE" detect --to "$next" --db "$dir/rules-native-${x}x.duckdb" -q --format ndjson --no-publish
                        engine "rules_${set}_next_${x}x_native_engine" "$dir/rules-native-${x}x.duckdb"
                    done
                fi
            done
        done
    done
}
if [ "${BENCH_ONLY:-}" = tune ]; then
    tune_step
    "$root/tests/bench/report.sh" "$results"
    exit 0
fi
if [ "${BENCH_ONLY:-}" = rules ]; then
    rules_step
    "$root/tests/bench/report.sh" "$results"
    exit 0
fi
# Step 12, retention (prune.sh): the 4x data, detected, pruned by half without and with --compact.
prune_step() {
    log "12. prune --before the middle of $((days * 4)) days, without and with --compact ($repeat rounds)"
    BENCH_REPEAT=$repeat "$root/tests/bench/prune.sh" $((days * 4)) "$per_day" "$results"
}
# Step 13, large Parquet files (parquet.sh): one Glue-style and one Security Lake file of 1M records each.
parquet_step() {
    log "13. ingest of one large Parquet file in each column style ($repeat pairs each)"
    BENCH_REPEAT=$repeat "$root/tests/bench/parquet.sh" "${BENCH_PARQUET_RECORDS:-1000000}" "$results"
}
if [ "${BENCH_ONLY:-}" = parquet ]; then
    parquet_step
    "$root/tests/bench/report.sh" "$results"
    exit 0
fi
if [ "${BENCH_ONLY:-}" = prune ]; then
    prune_step
    "$root/tests/bench/report.sh" "$results"
    exit 0
fi
# Step 14, S3 sources (s3.sh): needs Node.js and npm for the local S3 server.
s3_step() {
    log "14. S3: ingest of the 1x files from the local S3 server against local disk, and a scheduled run on a $archive_days-day bucket ($repeat rounds)"
    BENCH_REPEAT=$repeat BENCH_ARCHIVE_DAYS=$archive_days "$root/tests/bench/s3.sh" "$days" "$per_day" "$results"
}
if [ "${BENCH_ONLY:-}" = s3 ]; then
    s3_step
    "$root/tests/bench/report.sh" "$results"
    exit 0
fi

if [ "${BENCH_ONLY:-}" != publish ]; then
log "1. ingest JSON.gz, and 5. its memory at 1x and 4x ($repeat pairs each)"
for x in 1 4; do
    warm "$dir/json-${x}x"
    for round in $(seq "$repeat"); do
        fresh "$dir/dd-${x}x.duckdb" "$dir/bare-${x}x.duckdb"
        pair "ingest_json_${x}x" "$round" "${dd[@]}" ingest "$dir/json-${x}x/AWSLogs" --db "$dir/dd-${x}x.duckdb" -q --no-publish \
            -- "${ds[@]}" "$dir/bare-${x}x.duckdb" "$(script "$root/tests/bench/sql/bare_ingest_json.sql" "$dir/json-${x}x")"
    done
done
duckdetect ingest "$dir/json-2x/AWSLogs" --db "$dir/dd-2x.duckdb" -q --no-publish
events_1x=$(ducksql "$dir/bare-1x.duckdb" <(echo "SELECT count(*) FROM events"))

log "2. ingest Parquet ($repeat pairs)"
warm "$dir/parquet-1x"
for round in $(seq "$repeat"); do
    fresh "$dir/dd-parquet.duckdb" "$dir/bare-parquet.duckdb"
    pair "ingest_parquet_1x" "$round" "${dd[@]}" ingest "$dir/parquet-1x/AWSLogs" --db "$dir/dd-parquet.duckdb" -q --no-publish \
        -- "${ds[@]}" "$dir/bare-parquet.duckdb" "$(script "$root/tests/bench/sql/bare_ingest_parquet.sql" "$dir/parquet-1x")"
done

log "3. backfill detect, and 4. a scheduled detect of the newest window at 1x, 2x, 4x ($repeat rounds each)"
for x in 1 2 4; do
    end=$(date -u -d "$start + $((days * x)) days" +%Y-%m-%dT%H:%M:%SZ)
    before=$(date -u -d "$end - 10 minutes" +%Y-%m-%dT%H:%M:%SZ)
    for round in $(seq "$repeat"); do
        # Each round starts from the ingested database: a backfill on a database that has its alerts does less.
        cp "$dir/dd-${x}x.duckdb" "$dir/work-${x}x.duckdb"
        cp "$dir/dd-${x}x.duckdb" "$dir/bare-detect-${x}x.duckdb"
        pair "detect_backfill_${x}x" "$round" \
            "${dd[@]}" detect --rule "$seed_rule" --from "$start" --to "$before" --db "$dir/work-${x}x.duckdb" -q --format ndjson --no-publish \
            -- "${ds[@]}" "$dir/bare-detect-${x}x.duckdb" "$root/tests/bench/sql/bare_detect.sql"
        engine "detect_backfill_${x}x_engine" "$dir/work-${x}x.duckdb"
        printf '%s\t%s\t%s\n' "detect_backfill_${x}x_bare_query" \
            "$(awk '/^statement 2:/ { sub("s$", "", $3); print $3 }' "$dir/logs/detect_backfill_${x}x_bare.err")" 0 >> "$results"
        measure "detect_scheduled_${x}x_duckdetect" "${dd[@]}" detect --rule "$seed_rule" --to "$end" --db "$dir/work-${x}x.duckdb" -q --format ndjson --no-publish
        engine "detect_scheduled_${x}x_engine" "$dir/work-${x}x.duckdb"
    done
done
else
    for x in 1 4; do
        end=$(date -u -d "$start + $((days * x)) days" +%Y-%m-%dT%H:%M:%SZ)
        [ -f "$dir/dd-${x}x.duckdb" ] || duckdetect ingest "$dir/json-${x}x/AWSLogs" --db "$dir/dd-${x}x.duckdb" -q --no-publish
        cp "$dir/dd-${x}x.duckdb" "$dir/work-${x}x.duckdb"
        duckdetect detect --from "$start" --to "$(date -u -d "$end - 10 minutes" +%Y-%m-%dT%H:%M:%SZ)" --db "$dir/work-${x}x.duckdb" -q --format ndjson --no-publish > /dev/null
        for round in $(seq "$repeat"); do
            measure "detect_scheduled_${x}x_duckdetect" "${dd[@]}" detect --to "$end" --db "$dir/work-${x}x.duckdb" -q --format ndjson --no-publish
        done
    done
fi

# published NAME DATABASE TO: a scheduled detect that publishes (its own stderr says how long the publish took), the
# first of a series writing every table (NAME_full), the others updating a copy of the last file (NAME)
published() {
    local err="$dir/logs/$1.err" name=$1
    [ -f "${2%.duckdb}.alerts.duckdb" ] || name="$1_full"
    "${dd[@]}" detect --to "$3" --db "$2" --format ndjson > /dev/null 2> "$err"
    printf '%s\t%s\t%s\n' "$name" "$(awk '/^publish: / { sub("s$", "", $NF); print $NF }' "$err")" 0 >> "$results"
    log "  $name: $(tail -1 "$results" | cut -f2)s"
}

log "6. publishing the analyst database after a scheduled detect, 1x and 4x history, and a month of sustained alerts"
for x in 1 4; do
    end=$(date -u -d "$start + $((days * x)) days" +%Y-%m-%dT%H:%M:%SZ)
    rm -f "$dir/work-${x}x.alerts.duckdb"
    for round in $(seq 0 "$repeat"); do
        published "publish_${x}x" "$dir/work-${x}x.duckdb" "$end"
    done
done
if [ ! -f "$dir/sustained/sustained.ndjson" ]; then
    mkdir -p "$dir/sustained"
    ducksql :memory: "$(script "$root/tests/bench/sql/sustained_month.sql" "$dir/sustained")" >/dev/null 2>&1
fi
cp "$dir/dd-1x.duckdb" "$dir/work-month.duckdb"
month_end=$(date -u -d "$start + 30 days" +%Y-%m-%dT%H:%M:%SZ)
duckdetect ingest "$dir/sustained/sustained.ndjson" --db "$dir/work-month.duckdb" -q --no-publish
duckdetect detect --from "$start" --to "$month_end" --db "$dir/work-month.duckdb" -q --format ndjson --no-publish > /dev/null
rm -f "$dir/work-month.alerts.duckdb"
for round in $(seq 0 "$repeat"); do
    published "publish_month" "$dir/work-month.duckdb" "$month_end"
done

if [ "${BENCH_ONLY:-}" != publish ]; then
    log "7. start-up: --version and an empty detect, as installed from the tool package (startup.sh)"
    "$root/tests/bench/startup.sh" "$results"
fi
# 6b. a scheduled run with new files and its publish's share, with the installed tool of step 7 (BENCH_ONLY=publish:
# when an earlier run of step 7 left it)
if [ -x "$dir/startup/tool/duckdetect" ]; then
    BENCH_DIR="$dir" BENCH_DAYS="$days" BENCH_START="$start" "$root/tests/bench/scheduled.sh" "$dir/startup/tool/duckdetect"
    BENCH_DIR="$dir" BENCH_DAYS="$days" BENCH_START="$start" "$root/tests/bench/scheduled.sh" "$dir/startup/tool/duckdetect" 8 --no-publish
    BENCH_DIR="$dir" BENCH_DAYS="$days" BENCH_START="$start" "$root/tests/bench/scheduled.sh" "$dir/startup/tool/duckdetect" 8 --destinations
fi
if [ "${BENCH_ONLY:-}" != publish ]; then

log "8. ingest of hourly and 3-hourly delivery files ($repeat pairs each)"
for name in hourly hours3; do
    warm "$dir/$name"
    for round in $(seq "$repeat"); do
        fresh "$dir/dd-$name.duckdb" "$dir/bare-$name.duckdb"
        pair "ingest_$name" "$round" "${dd[@]}" ingest "$dir/$name/AWSLogs" --db "$dir/dd-$name.duckdb" -q --no-publish \
            -- "${ds[@]}" "$dir/bare-$name.duckdb" "$(script "$root/tests/bench/sql/bare_ingest_json.sql" "$dir/$name")"
    done
    fresh "$dir/dd-$name.duckdb" "$dir/bare-$name.duckdb"
done

log "9. a scheduled run over the synced archive ($archive_days days), a few new files each round ($repeat pairs)"
tree="$dir/archive-${archive_days}d/AWSLogs"
# The folders were written just now: DUCKDETECT_SETTLE_SECONDS=0 lets the first runs trust them (by default a folder
# must have been unchanged for 5 minutes).
settled=(env DUCKDETECT_SETTLE_SECONDS=0)
# The day after the archive is copied in file by file below; take out what an earlier benchmark copied.
rm -rf "$tree"/*/CloudTrail/*/"$(date -u -d "2025-01-01 + $archive_days days" +%Y/%m/%d)"
fresh "$dir/archive.duckdb"
"${settled[@]}" "${dd[@]}" run "$tree" --db "$dir/archive.duckdb" -q --format ndjson --no-publish > /dev/null
"${settled[@]}" "${dd[@]}" run "$tree" --db "$dir/archive.duckdb" -q --format ndjson --no-publish > /dev/null
printf '%s\t%s\t%s\n' archive_files "$(find "$tree" -name '*.json.gz' | wc -l)" 0 >> "$results"
next="$dir/archive-next-${archive_days}d/AWSLogs"
for round in $(seq "$repeat"); do
    # The round's new files: the next day's deliveries of its 10 minutes, copied into the tree as a sync would.
    stamp=$(date -u -d "2025-01-01 + $archive_days days + $(( (round - 1) * 10 )) minutes" +%Y%m%dT%H)
    minute=$(( (round - 1) * 10 ))
    while IFS= read -r file; do
        target="$tree/${file#"$next"/}"
        mkdir -p "$(dirname "$target")"; cp -p "$file" "$target"
    done < <(find "$next" -name "*_${stamp}$(printf '%02d' "$minute")Z_*" -o -name "*_${stamp}$(printf '%02d' $((minute + 5)))Z_*")
    cp "$dir/archive.duckdb" "$dir/archive-full.duckdb"
    pair "scheduled_archive" "$round" "${settled[@]}" "${dd[@]}" run "$tree" --db "$dir/archive.duckdb" -q --format ndjson --no-publish \
        -- "${settled[@]}" "${dd[@]}" run "$tree" --db "$dir/archive-full.duckdb" -q --format ndjson --full-listing --no-publish
done
fi

if [ "${BENCH_ONLY:-}" != publish ]; then tune_step; rules_step; prune_step; parquet_step; s3_step; fi

log ""
"$root/tests/bench/report.sh" "$results" "${events_1x:-}" "$days" "$per_day"
