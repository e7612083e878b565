#!/usr/bin/env bash
# Scheduled runs over a large synced archive, as cron runs them (docs/scale.md, "Measured: a year of a small
# organisation"): the next day's delivery files copied into the archive 10 minutes at a time, each copy followed by
# `duckdetect run ARCHIVE --to` the next 10-minute mark. Prints each run's new files, time and peak memory; each
# run's stderr, with DUCKDETECT_TRACE's steps (time and memory), is kept in OUT/run-N.err.
#
#   tests/bench/archive.sh DUCKDETECT ARCHIVE NEXT DATABASE OUT [ROUNDS [RUN OPTIONS...]]
#
# ARCHIVE is the AWSLogs folder the database has loaded (for a year of a small organisation:
# `duckdetect generate --days 390 --events-per-day 17000 --start 2025-01-01`, then `duckdetect ingest` of it and one
# `run --to` the archive's end); NEXT is the AWSLogs folder of the day after it (`generate --days 1 --start` that day
# `--seed 2`). The runs change ARCHIVE and DATABASE: work on copies.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=sync.sh
. "$root/tests/bench/sync.sh"
program=$1; archive=$2; next=$3; db=$4; out=$5; rounds=${6:-8}
shift $(( $# < 6 ? $# : 6 ))
# The day NEXT holds, from its first date folder (.../YYYY/MM/DD)
day=$(find "$next" -mindepth 6 -maxdepth 6 -type d | head -1 | awk -F/ '{ print $(NF - 2) "-" $(NF - 1) "-" $NF }')
mkdir -p "$out"
# The copied folders were written just now: let the runs trust them, as they would a synced tree's older days.
export DUCKDETECT_SETTLE_SECONDS=0 DUCKDETECT_TRACE=1
for i in $(seq 0 $((rounds - 1))); do
    new=$(sync_round "$next" "$archive" "$day" "$i")
    read -r seconds kb < <(timed "$out/run-$i.err" "$program" run "$archive" --db "$db" --to "$(round_to "$day" "$i")" \
        --format ndjson "$@")
    echo "run $((i + 1)): $new new file(s), ${seconds}s, $((kb / 1024)) MB peak"
done
