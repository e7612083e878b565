#!/usr/bin/env bash
# S3 sources against the local S3 server the tests use (tests/s3server: s3rver on 127.0.0.1), two rows:
#   s3_ingest_1x   ingest of the benchmark's 1x JSON.gz (DAYS x EVENTS_PER_DAY) from the local S3 server  vs  the same
#                  files from local disk (the bare column), $BENCH_REPEAT pairs, alternating which goes first
#   s3_scheduled   a scheduled `run` against a bucket of $BENCH_ARCHIVE_DAYS days (default 60) of the archive's files
#                  (2,592 objects a day, dated to end today), already loaded, with one new object under today's
#                  prefix each round; s3_scheduled_lists is the round's LIST requests (ingest_runs); then one
#                  reconciliation of the whole bucket (s3_reconcile, s3_reconcile_lists). The first load of that bucket
#                  is the backfill row (s3_backfill: its time and peak memory; s3_backfill_temp_kb: the most its
#                  temporary folder held, sampled every 0.2 s)
#
#   tests/bench/s3.sh [DAYS] [EVENTS_PER_DAY] [RESULTS.tsv]     (defaults 2 days x 500000; run.sh calls it as step 14;
#                                                               alone it prints its own table)
# The buckets are s3rver's folders under $BENCH_DIR/s3rver, made of hard links to the generated files (and the
# objects' MD5s written beside them, as s3rver keeps them), so that they take no space and no upload time.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
days=${1:-2}
per_day=${2:-500000}
dir=${BENCH_DIR:-$root/bench-data}
results=${3:-$dir/s3.tsv}
standalone=$([ $# -lt 3 ] && echo 1 || echo "")
repeat=${BENCH_REPEAT:-3}
archive_days=${BENCH_ARCHIVE_DAYS:-60}
start=2026-01-01
mkdir -p "$dir/logs"
[ -n "$standalone" ] && : > "$results"
# shellcheck source=lib.sh
. "$root/tests/bench/lib.sh"

bin="$dir/bin/duckdetect/duckdetect.dll"
if [ -n "$standalone" ] || [ ! -f "$bin" ]; then
    case "$(uname -s)-$(uname -m)" in
        Linux-x86_64) rid=linux-x64 ;; Linux-aarch64 | Linux-arm64) rid=linux-arm64 ;; *) rid="" ;;
    esac
    publish=(-c Release --nologo -v quiet)
    if [ -n "$rid" ]; then publish+=(-r "$rid" --self-contained false -p:PublishReadyToRun=true); fi
    log "building (Release${rid:+, ReadyToRun for $rid})"
    dotnet publish "$root/src/DuckDetect" "${publish[@]}" -o "$dir/bin/duckdetect" >/dev/null
fi
dd=(dotnet "$bin")
export AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true

generate() { # generate NAME DAYS EVENTS_PER_DAY START SEED
    if [ ! -f "$dir/$1/manifest.json" ]; then
        log "generating $1: $2 day(s) x $3 events"
        rm -rf "${dir:?}/$1"
        "${dd[@]}" generate --no-invocation-logs --out "$dir/$1" --days "$2" --events-per-day "$3" --start "$4" --seed "$5" -q
    fi
}
generate json-1x "$days" "$per_day" "$start" 1
generate "archive-${archive_days}d" "$archive_days" 16000 2025-01-01 1
generate "archive-next-${archive_days}d" 1 16000 "$(date -u -d "2025-01-01 + $archive_days days" +%Y-%m-%d)" 2

# The server: its standard input is a FIFO held open here, so that it exits when this script does.
store="$dir/s3rver"
mkdir -p "$store"
(cd "$root/tests/s3server" && { [ -f node_modules/s3rver/package.json ] || npm ci --no-audit --no-fund --loglevel=error; })
rm -f "$dir/s3rver.stdin" "$dir/logs/s3rver.out"
mkfifo "$dir/s3rver.stdin"
node --openssl-legacy-provider "$root/tests/s3server/server.js" "$store" 0 < "$dir/s3rver.stdin" > "$dir/logs/s3rver.out" 2>&1 &
server=$!
exec 7> "$dir/s3rver.stdin"
trap 'exec 7>&-; wait "$server" 2>/dev/null || true; rm -f "$dir/s3rver.stdin"' EXIT
until grep -q '^listening ' "$dir/logs/s3rver.out" 2>/dev/null; do
    kill -0 "$server" 2>/dev/null || { cat "$dir/logs/s3rver.out" >&2; exit 1; }
    sleep 0.2
done
endpoint="http://127.0.0.1:$(awk '/^listening / { print $2 }' "$dir/logs/s3rver.out")"
s3=(--endpoint-url "$endpoint")

# link SOURCE_FOLDER BUCKET_FOLDER [DAYS]: hard links of every *.json.gz under SOURCE_FOLDER as s3rver objects of
# the bucket folder, at the same key, its dates (folders and the time in the file name) moved DAYS days later; and
# each object's MD5 beside it, as s3rver keeps it (in Perl: one process, where a process per file took an hour)
link() {
    rm -rf "$2"; mkdir -p "$2"
    perl -MFile::Find -MFile::Path=make_path -MFile::Basename -MDigest::MD5 -MTime::Local -MPOSIX=strftime -e '
        my ($from, $to, $shift) = @ARGV;
        find({ no_chdir => 1, wanted => sub {
            return unless -f $_ && /\.json\.gz$/;
            (my $key = $_) =~ s{^\Q$from\E/}{};
            if ($shift && $key =~ m{/(\d{4})/(\d{2})/(\d{2})/}) {
                my ($y, $m, $d) = ($1, $2, $3);
                my $t = timegm(0, 0, 0, $d, $m - 1, $y) + $shift * 86400;
                my ($path, $stamp) = (strftime("%Y/%m/%d", gmtime $t), strftime("%Y%m%d", gmtime $t));
                $key =~ s{/$y/$m/$d/}{/$path/}; $key =~ s{_$y$m${d}T}{_${stamp}T};
            }
            my $object = "$to/$key._S3rver_object";
            make_path(dirname($object));
            link($_, $object) or die "link $object: $!";
            open(my $in, "<:raw", $_) or die; my $md5 = Digest::MD5->new->addfile($in)->hexdigest; close $in;
            open(my $out, ">", "$object.md5") or die; print $out $md5; close $out;
        } }, $from);' "$1" "$2" "${3:-0}"
}

if [ ! -f "$store/bench-json.ready" ]; then
    log "linking json-1x into bucket bench-json"
    link "$dir/json-1x" "$store/bench-json"
    touch "$store/bench-json.ready"
fi
# The archive's days end today: a scheduled run lists yesterday's and today's prefixes.
today=$(date -u +%Y-%m-%d)
if [ "$(cat "$store/bench-archive.ready" 2>/dev/null)" != "$today" ]; then
    log "linking the $archive_days-day archive into bucket bench-archive, dated to end $today"
    shift_days=$(( ($(date -u -d "$today" +%s) - $(date -u -d "2025-01-01 + $((archive_days - 1)) days" +%s)) / 86400 ))
    link "$dir/archive-${archive_days}d" "$store/bench-archive" "$shift_days"
    echo "$today" > "$store/bench-archive.ready"
    rm -f "$dir/s3-archive.duckdb" "$dir/s3-archive.duckdb.wal"
fi

fresh() { for db in "$@"; do rm -f "$db" "$db.wal"; done; }
# status_value DATABASE FIELD: the first value of FIELD in the database's `status --format json`
status_value() { "${dd[@]}" status --db "$1" --format json 2>/dev/null | awk -F': ' -v f="\"$2\"" '$1 ~ f { gsub(/[ ,]/, "", $2); print $2; exit }'; }
lists() { # lists NAME DATABASE: the last ingest's LIST requests (status: last_ingest), as NAME
    local n; n=$(status_value "$2" s3_list_requests)
    printf '%s\t%s\t%s\n' "$1" "$n" 0 >> "$results"
    log "  $1: $n LIST requests"
}

log "S3 1. ingest of json-1x from the local S3 server vs from local disk ($repeat pairs); load $(cut -d' ' -f1-3 /proc/loadavg)"
find "$dir/json-1x" -type f -exec cat {} + > /dev/null
fresh "$dir/s3-json.duckdb"
"${dd[@]}" ingest s3://bench-json/ "${s3[@]}" --db "$dir/s3-json.duckdb" -q --no-publish  # warms the server's metadata
for round in $(seq "$repeat"); do
    fresh "$dir/s3-json.duckdb" "$dir/disk-json.duckdb"
    if [ $((round % 2)) -eq 1 ]; then
        measure s3_ingest_1x_duckdetect "${dd[@]}" ingest s3://bench-json/ "${s3[@]}" --db "$dir/s3-json.duckdb" -q --no-publish
        measure s3_ingest_1x_bare "${dd[@]}" ingest "$dir/json-1x/AWSLogs" --db "$dir/disk-json.duckdb" -q --no-publish
    else
        measure s3_ingest_1x_bare "${dd[@]}" ingest "$dir/json-1x/AWSLogs" --db "$dir/disk-json.duckdb" -q --no-publish
        measure s3_ingest_1x_duckdetect "${dd[@]}" ingest s3://bench-json/ "${s3[@]}" --db "$dir/s3-json.duckdb" -q --no-publish
    fi
done

log "S3 2. a scheduled run against the $archive_days-day bucket with one new object ($repeat rounds); load $(cut -d' ' -f1-3 /proc/loadavg)"
archive="$dir/s3-archive.duckdb"
if [ ! -f "$archive" ]; then
    log "  the backfill: loading the bucket once ($(find "$store/bench-archive" -name '*._S3rver_object' | wc -l) objects)"
    peak="$dir/logs/s3_backfill_temp.kb"; echo 0 > "$peak"
    ( while sleep 0.2; do
          kb=$( (du -sk /dev/shm/duckdetect-s3-* "${TMPDIR:-/tmp}"/duckdetect-s3-* 2>/dev/null || true) | awk '{ s += $1 } END { print s + 0 }')
          if [ "$kb" -gt "$(cat "$peak")" ]; then echo "$kb" > "$peak"; fi
      done ) &
    sampler=$!
    measure s3_backfill "${dd[@]}" ingest s3://bench-archive/ "${s3[@]}" --db "$archive" -q --no-publish
    kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
    printf '%s\t%s\t%s\n' s3_backfill_temp_kb "$(cat "$peak")" 0 >> "$results"
fi
"${dd[@]}" run s3://bench-archive/ "${s3[@]}" --db "$archive" -q --format ndjson --no-publish > /dev/null
printf '%s\t%s\t%s\n' s3_archive_objects "$(find "$store/bench-archive" -name '*._S3rver_object' | wc -l)" 0 >> "$results"
next=$(find "$dir/archive-next-${archive_days}d" -name '*.json.gz' | sort | head -1)
for round in $(seq "$repeat"); do
    key=$(basename "$next" | sed -E "s/_[0-9]{8}T[0-9]{4}Z_/_$(date -u +%Y%m%dT%H%M)Z_/; s/\.json\.gz$/r$round$$.json.gz/")
    folder="$store/bench-archive/$(dirname "${next#"$dir/archive-next-${archive_days}d/"}" | sed -E "s|[0-9]{4}/[0-9]{2}/[0-9]{2}$|$(date -u +%Y/%m/%d)|")"
    mkdir -p "$folder"; ln -f "$next" "$folder/$key._S3rver_object"
    measure s3_scheduled "${dd[@]}" run s3://bench-archive/ "${s3[@]}" --db "$archive" -q --format ndjson --no-publish
    lists s3_scheduled_lists "$archive"
done
measure s3_reconcile "${dd[@]}" run s3://bench-archive/ "${s3[@]}" --reconcile --db "$archive" -q --format ndjson --no-publish
lists s3_reconcile_lists "$archive"
printf '%s\t%s\t%s\n' s3_archive_roots "$(status_value "$archive" date_roots)" 0 >> "$results"

if [ -n "$standalone" ]; then
    "$root/tests/bench/report.sh" "$results"
fi
