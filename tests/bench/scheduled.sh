#!/usr/bin/env bash
# A scheduled `run` as cron runs it, and the share of it its publish takes: the benchmark's 1x history (a copy of
# its ingested and detected database), then the next day's delivery files copied into the tree 10 minutes at a time,
# each followed by `duckdetect run TREE --to` the next 10-minute mark (ingest the new files, the four rules, publish).
#
#   tests/bench/scheduled.sh DUCKDETECT [RUNS] [--no-publish|--destinations]   (after run.sh's step 6: needs $BENCH_DIR/work-1x.duckdb, json-1x)
#
# DUCKDETECT is the program to measure (the installed native tool of startup.sh: $BENCH_DIR/startup/tool/duckdetect).
# Appends scheduled_run_1x (seconds, peak KB) and scheduled_publish_1x (seconds) per run to $BENCH_DIR/results.tsv
# and prints each run. The first run after the copy is not measured (it publishes the analyst database afresh).
# With --no-publish the runs do not publish and are recorded as scheduled_run_nopublish_1x: what a publish adds to a
# run is the difference between the two series (its own logged time includes the job's checkpoint it runs alongside).
# With --destinations the job's database gets a webhook and an Elasticsearch destination, both pointed at a local
# receiver (receiver.py, started here, answering at once), and the runs are recorded as scheduled_run_destinations_1x,
# with scheduled_delivery_1x the delivery's own logged time (the slower destination's; they send side by side): what
# delivery adds to a run is the difference with the plain series.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=sync.sh
. "$root/tests/bench/sync.sh"
dir=${BENCH_DIR:-$root/bench-data}
program=$1
runs=${2:-8}
extra=(); suffix=""
if [ "${3:-}" = --no-publish ]; then extra=(--no-publish); suffix=_nopublish; fi
if [ "${3:-}" = --destinations ]; then suffix=_destinations; fi
results="$dir/results.tsv"
log() { printf '%s\n' "$*" >&2; }
# run.sh's 1x: its DAYS (default 2) from its start day
days=${BENCH_DAYS:-2}; start=${BENCH_START:-2026-01-01}
day_after=$(date -u -d "$start + $days days" +%Y-%m-%d)

work="$dir/scheduled"
rm -rf "$work"; mkdir -p "$work"
[ -d "$dir/next-1x" ] || "$program" generate --out "$dir/next-1x" --days 1 --events-per-day 500000 --start "$day_after" --seed 2 -q
# The tree cron syncs: the 1x files as links (the database knows their paths), then the next day's as they arrive.
cp -al "$dir/json-1x/AWSLogs" "$work/AWSLogs"
cp "$dir/work-1x.duckdb" "$work/job.duckdb"
# The database recorded the 1x files under json-1x: list this tree once, so that the runs below see only new files.
"$program" ingest "$work/AWSLogs" --db "$work/job.duckdb" -q --no-publish
"$program" run "$work/AWSLogs" --db "$work/job.duckdb" --to "${day_after}T00:10:00Z" --format ndjson -q > /dev/null

if [ "$suffix" = _destinations ]; then
    python3 "$root/tests/bench/receiver.py" "$work/receiver.port" "$work/receiver.counts" &
    receiver=$!
    trap 'kill "$receiver" 2>/dev/null || true' EXIT
    while [ ! -s "$work/receiver.port" ]; do sleep 0.1; done
    url="http://127.0.0.1:$(cat "$work/receiver.port")"
    export BENCH_HOOK_KEY=bench-signing-key BENCH_ES_KEY=YmVuY2g6YmVuY2g=
    "$program" destinations add hook --type webhook --url "$url/hook" --signing-key-env BENCH_HOOK_KEY --db "$work/job.duckdb" -q
    "$program" destinations add elastic --type elasticsearch --url "$url" --index duckdetect-alerts --api-key-env BENCH_ES_KEY \
        --db "$work/job.duckdb" -q
fi

# The tree's folders were written just now: DUCKDETECT_SETTLE_SECONDS=0 lets the runs trust them (by default a folder
# must have been unchanged for 5 minutes), as they would a synced tree's folders of earlier days.
export DUCKDETECT_SETTLE_SECONDS=0
log "scheduled runs over the 1x history with the next day's files, 10 minutes at a time ($runs runs)"
for i in $(seq 0 $((runs - 1))); do
    new=$(sync_round "$dir/next-1x/AWSLogs" "$work/AWSLogs" "$day_after" "$i")
    err="$work/run-$i.err"
    read -r seconds kb < <(timed "$err" "$program" run "$work/AWSLogs" --db "$work/job.duckdb" \
        --to "$(round_to "$day_after" "$i")" --format ndjson "${extra[@]}")
    publish=$(awk '/^publish: / { sub("s$", "", $NF); print $NF }' "$err")
    delivery=$(awk '/^destinations: / { for (i = 1; i <= NF; i++) if ($i == "in" && $(i + 1) ~ /s$/) { t = $(i + 1); sub("s.*", "", t); if (t > max) max = t } }
                    END { print max + 0 }' "$err")
    printf 'scheduled_run%s_1x\t%s\t%s\n' "$suffix" "$seconds" "$kb" >> "$results"
    [ -n "$suffix" ] || printf 'scheduled_publish_1x\t%s\t0\n' "$publish" >> "$results"
    [ "$suffix" != _destinations ] || printf 'scheduled_delivery_1x\t%s\t0\n' "$delivery" >> "$results"
    log "  run $((i + 1)): $new new file(s), ${seconds}s, $((kb / 1024)) MB peak; publish ${publish:-none}${suffix:+ ($suffix)}; delivery ${delivery}s ($(grep -c '^destinations: ' "$err" || true) destination(s) sent)"
done
