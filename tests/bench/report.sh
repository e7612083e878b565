#!/usr/bin/env bash
# Prints the benchmark's results.tsv as a table: median times, the ratio DuckDetect/bare of the medians with the
# range of the pairs' ratios, and the highest peak memory. A name appears once per round in results.tsv.
#   report.sh RESULTS.tsv EVENTS_1X DAYS PER_DAY     the whole benchmark (start-up rows too when measured)
#   report.sh --startup RESULTS.tsv                   the start-up rows only (startup.sh alone)
#   report.sh --parquet RESULTS.tsv                   the large Parquet rows only (parquet.sh alone)
set -euo pipefail
startup_only=""; parquet_only=""
if [ "$1" = "--startup" ]; then startup_only=1; shift; fi
if [ "$1" = "--parquet" ]; then parquet_only=1; shift; fi
results=$1; events_1x=${2:-}; days=${3:-}; per_day=${4:-}
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
publish_line() {
    echo "publish of the analyst database after a scheduled detect, updating the last file (writing every table):"
    echo "  1x history $(median publish_1x 2)s ($(median publish_1x_full 2)s), 4x history $(median publish_4x 2)s ($(median publish_4x_full 2)s), a month of sustained alerts $(median publish_month 2)s ($(median publish_month_full 2)s)"
    echo "  scheduled detect as a process, without publishing: 1x $(median detect_scheduled_1x_duckdetect 2)s, 4x $(median detect_scheduled_4x_duckdetect 2)s"
    if [ -n "$(values scheduled_run_1x 2)" ]; then
        echo "  scheduled run with the next 10 minutes' files (scheduled.sh, $(values scheduled_run_1x 2 | wc -l) runs): median $(median scheduled_run_1x 2)s," \
            "its publish $(median scheduled_publish_1x 2)s ($(awk -v p="$(median scheduled_publish_1x 2)" -v r="$(median scheduled_run_1x 2)" 'BEGIN { printf "%.1f", 100 * p / r }')% of the run)," \
            "runs $(values scheduled_run_1x 2 | sort -g | head -1)-$(values scheduled_run_1x 2 | sort -g | tail -1)s, publishes $(values scheduled_publish_1x 2 | sort -g | head -1)-$(values scheduled_publish_1x 2 | sort -g | tail -1)s"
    fi
}
tune_line() {
    echo "tune over the whole history (5 thresholds): 1x $(median tune_1x 2)s, 4x $(median tune_4x 2)s; one detect --what-if backfill (1 threshold): 1x $(median what_if_1x 2)s, 4x $(median what_if_4x 2)s;" \
        "peak memory of tune $(mb "$(highest tune_1x 3)") MB at 1x, $(mb "$(highest tune_4x 3)") MB at 4x"
}
# prune_line: prune's median time and peak, and the file's median size before and after, without and with --compact
prune_line() {
    for mode in plain compact; do
        echo "prune ($mode): $(median "prune_$mode" 2)s median, peak $(mb "$(highest "prune_$mode" 3)") MB;" \
            "database $(awk -v b="$(median "prune_${mode}_bytes" 2)" 'BEGIN { printf "%.0f", b / 1048576 }') MiB ->" \
            "$(awk -v b="$(median "prune_${mode}_bytes" 3)" 'BEGIN { printf "%.0f", b / 1048576 }') MiB"
    done
}
row() {
    local label=$1 ours=$2 bare=$3
    local t1 t2 m1 m2
    t1=$(median "$ours" 2); m1=$(highest "$ours" 3)
    if [ -n "$bare" ]; then t2=$(median "$bare" 2); m2=$(highest "$bare" 3); else t2=""; m2=""; fi
    printf '%-40s %9.3fs %9s %6s %11s %11s %11s\n' "$label" "$t1" "${t2:+$(printf '%.3fs' "$t2")}" \
        "$( [ -n "$t2" ] && ratio "$t1" "$t2" || echo -)" "$( [ -n "$bare" ] && spread "$ours" "$bare" || echo -)" \
        "$( [ "$m1" != 0 ] && mb "$m1" || echo -)" "$( [ -n "$m2" ] && [ "$m2" != 0 ] && mb "$m2" || echo -)"
}
# The start-up rows: each variant's median wall time against the bare DuckDB program, then CPU times.
startup_rows() {
    row "start-up: --version, installed tool (native)" startup_version_tool startup_bare
    row "start-up: empty detect, installed tool" startup_detect_tool startup_bare
    row "start-up: empty detect --no-publish, tool" startup_nopublish_tool startup_bare
    row "start-up: --version, ReadyToRun" startup_version_r2r startup_bare
    row "start-up: empty detect, ReadyToRun" startup_detect_r2r startup_bare
    row "start-up: empty detect --no-publish, R2R" startup_nopublish_r2r startup_bare
    row "start-up: --version, JIT" startup_version_jit startup_bare
    row "start-up: empty detect, JIT" startup_detect_jit startup_bare
    echo "start-up CPU (user + system), medians: tool --version $(median startup_version_tool_cpu 2)s, detect $(median startup_detect_tool_cpu 2)s, --no-publish $(median startup_nopublish_tool_cpu 2)s;" \
        "ReadyToRun $(median startup_version_r2r_cpu 2)s / $(median startup_detect_r2r_cpu 2)s / $(median startup_nopublish_r2r_cpu 2)s; JIT $(median startup_version_jit_cpu 2)s / $(median startup_detect_jit_cpu 2)s;" \
        "bare DuckDB $(median startup_bare_cpu 2)s ($(values startup_bare 2 | wc -l) rounds; bare = open the same empty database, one query)"
}
header() { printf '%-40s %10s %9s %6s %11s %11s %11s\n' "step" "DuckDetect" "bare" "ratio" "pair range" "DD peak MB" "bare peak MB"; }
# The large Parquet rows (parquet.sh, step 13): each style's file against a bare read_parquet, and the files' sizes.
parquet_rows() {
    for style in glue ocsf; do
        row "ingest one large Parquet file, $style" "ingest_parquet_large_${style}_duckdetect" "ingest_parquet_large_${style}_bare"
    done
    echo "large Parquet files: glue $(mb "$(values parquet_large_glue_bytes 2 | head -1)") kB on disk, $(mb "$(values parquet_large_glue_bytes 3 | head -1)") kB of records as JSON;" \
        "ocsf $(mb "$(values parquet_large_ocsf_bytes 2 | head -1)") kB, $(mb "$(values parquet_large_ocsf_bytes 3 | head -1)") kB (both: 1,600-byte requestParameters of 50 templates, 18 repeated eventIDs)"
}
if [ -n "$parquet_only" ]; then
    echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr); medians of $(values ingest_parquet_large_glue_bare 2 | wc -l) pair(s)"
    header
    parquet_rows
    exit 0
fi
if [ -n "$startup_only" ]; then
    echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr); start-up medians"
    header
    startup_rows
    exit 0
fi
# The rules' rows (step 11): each rule alone, backfill at 1x and 4x and the scheduled detect after it, as a process
# and inside the engine (detect_runs.duration_ms).
rule_rows() {
    for rule in seed distributed low_and_slow baseline; do
        for x in 1 4; do
            [ -n "$(values "rule_${rule}_backfill_${x}x" 2)" ] || continue
            row "rule $rule: backfill ${x}x" "rule_${rule}_backfill_${x}x" ""
            row "rule $rule: scheduled ${x}x" "rule_${rule}_scheduled_${x}x" ""
        done
        echo "  rule $rule inside the engine: backfill 1x $(median "rule_${rule}_backfill_1x_engine" 2)s, 4x $(median "rule_${rule}_backfill_4x_engine" 2)s; scheduled 1x $(median "rule_${rule}_scheduled_1x_engine" 2)s, 4x $(median "rule_${rule}_scheduled_4x_engine" 2)s"
    done
    for x in 1 4; do
        [ -n "$(values "rules_all_backfill_${x}x" 2)" ] || continue
        [ -z "$(values "rule_seed_backfill_${x}x" 2)" ] || row "seed rule alone: backfill ${x}x (bare)" "rule_seed_backfill_${x}x" "rules_anchor_${x}x"
        row "4 threshold rules: backfill ${x}x (bare)" "rules_threshold_backfill_${x}x" "rules_anchor_${x}x"
        row "every rule: backfill ${x}x (bare)" "rules_all_backfill_${x}x" "rules_anchor_${x}x"
        row "4 threshold rules: scheduled ${x}x" "rules_threshold_scheduled_${x}x" ""
        row "every rule: scheduled ${x}x" "rules_all_scheduled_${x}x" ""
        if [ -n "$(values "rules_all_scheduled_${x}x_native" 2)" ]; then
            row "every rule: scheduled ${x}x, native" "rules_all_scheduled_${x}x_native" ""
            for set in threshold all; do
                [ -n "$(values "rules_${set}_next_${x}x_native" 2)" ] || continue
                echo "  the next hour's scheduled runs ($set), native: median $(median "rules_${set}_next_${x}x_native" 2)s," \
                    "runs $(values "rules_${set}_next_${x}x_native" 2 | sort -g | head -1)-$(values "rules_${set}_next_${x}x_native" 2 | sort -g | tail -1)s;" \
                    "inside the engine $(median "rules_${set}_next_${x}x_native_engine" 2)s" \
                    "($(values "rules_${set}_next_${x}x_native_engine" 2 | sort -g | head -1)-$(values "rules_${set}_next_${x}x_native_engine" 2 | sort -g | tail -1)s)"
            done
        fi
        echo "  inside the engine, ${x}x: backfill $(median "rules_threshold_backfill_${x}x_engine" 2)s (4 rules), $(median "rules_all_backfill_${x}x_engine" 2)s (every rule); scheduled $(median "rules_threshold_scheduled_${x}x_engine" 2)s, $(median "rules_all_scheduled_${x}x_engine" 2)s"
    done
}
# The S3 rows (step 14, s3.sh): ingest from the local S3 server against the same files from disk; the scheduled run
# against the archive bucket, its LIST requests, and a reconciliation.
s3_rows() {
    row "ingest JSON.gz 1x from S3 (bare: disk)" s3_ingest_1x_duckdetect s3_ingest_1x_bare
    row "scheduled run, S3 archive + 1 object" s3_scheduled ""
    row "reconciliation of the S3 archive" s3_reconcile ""
    if [ -n "$(values s3_backfill 2)" ]; then
        row "backfill: the S3 archive's first load" s3_backfill ""
        echo "S3 backfill: temporary folder at most $(values s3_backfill_temp_kb 2 | sort -g | tail -1) KB"
    fi
    echo "S3 archive: $(values s3_archive_objects 2 | head -1) objects in $(values s3_archive_roots 2 | head -1) date roots (account and region);" \
        "scheduled runs $(values s3_scheduled 2 | sort -g | head -1)-$(values s3_scheduled 2 | sort -g | tail -1)s," \
        "$(median s3_scheduled_lists 2 | cut -d. -f1) LIST requests (median; $(values s3_scheduled_lists 2 | sort -g | head -1)-$(values s3_scheduled_lists 2 | sort -g | tail -1));" \
        "the reconciliation $(values s3_reconcile_lists 2 | head -1) LIST requests"
}
if [ -z "$(values ingest_json_1x_duckdetect 2)" ]; then
    if [ -n "$(values s3_ingest_1x_duckdetect 2)" ]; then header; s3_rows; exit 0; fi
    if [ -n "$(values rule_seed_backfill_1x 2)$(values rules_all_backfill_1x 2)" ]; then header; rule_rows; exit 0; fi
    if [ -n "$(values prune_plain 2)" ]; then prune_line; exit 0; fi
    if [ -n "$(values tune_1x 2)" ]; then tune_line; else publish_line; fi
    exit 0
fi
rounds=$(values ingest_json_1x_duckdetect 2 | wc -l)
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr); data: ${days} day(s) x ${per_day} events a day (1x = ${events_1x} events); medians of ${rounds} round(s)"
header
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
publish_line
t=$(median ingest_json_1x_duckdetect 2); t4=$(median ingest_json_4x_duckdetect 2)
echo "ingest JSON.gz: $(awk -v e="$events_1x" -v t="$t" 'BEGIN { printf "%d", e / t }') events/s at 1x, $(awk -v e="$events_1x" -v t="$t4" 'BEGIN { printf "%d", 4 * e / t }') at 4x (process start included)"
if [ -n "$(values rule_seed_backfill_1x 2)$(values rules_all_backfill_1x 2)" ]; then rule_rows; fi
if [ -n "$(values startup_bare 2)" ]; then startup_rows; fi
if [ -n "$(values tune_1x 2)" ]; then tune_line; fi
if [ -n "$(values prune_plain 2)" ]; then prune_line; fi
if [ -n "$(values ingest_parquet_large_glue_bare 2)" ]; then parquet_rows; fi
if [ -n "$(values s3_ingest_1x_duckdetect 2)" ]; then s3_rows; fi
