#!/usr/bin/env bash
# Ingest speed of Bedrock model invocation logs: FILES gzip files of RECORDS records each, made from the fixture
# (data/invocations/: its 13 shapes, each with new request ids, so that every record is new), ingested into an empty
# database $BENCH_INVOCATION_RUNS times (default 3); prints the load (uptime) and each run's wall time and records/s.
#
#   DUCKDETECT=/path/to/duckdetect tests/bench/invocations.sh [FILES] [RECORDS]     (defaults 24 and 5000)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
tool=${DUCKDETECT:?set DUCKDETECT to the duckdetect program}
files=${1:-24}
records=${2:-5000}
runs=${BENCH_INVOCATION_RUNS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fixture=$(find "$root/data/invocations" -name '*.json' | head -1)
python3 - "$fixture" "$work/in" "$files" "$records" <<'PY'
import gzip, json, os, sys
fixture, out, files, records = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
shapes = [json.loads(line) for line in open(fixture)]
for f in range(files):
    folder = os.path.join(out, "AWSLogs/111122223333/BedrockModelInvocationLogs/us-east-1/2024/05/01/%02d" % (f % 24))
    os.makedirs(folder, exist_ok=True)
    with gzip.open(os.path.join(folder, "f%05d.json.gz" % f), "wt") as g:
        for i in range(records):
            r = dict(shapes[i % len(shapes)])
            r["requestId"] = "bench-%05d-%07d" % (f, i)
            g.write(json.dumps(r, separators=(",", ":")) + "\n")
PY
# The fixture's record 11 has its bodies delivered separately: their local copy goes where its paths point, so that
# the 1 record in 13 of that shape is read with them (docs/invocation-logs.md, bodies delivered separately).
hour12="$work/in/AWSLogs/111122223333/BedrockModelInvocationLogs/us-east-1/2024/05/01/12"
mkdir -p "$hour12" && cp -r "$(dirname "$fixture")/data" "$hour12/"
total=$((files * records))
echo "load: $(uptime)"
echo "$files files, $total records, $(du -sh "$work/in" | cut -f1) gzip"
for run in $(seq 1 "$runs"); do
    rm -f "$work/db.duckdb" "$work/db.alerts.duckdb"
    start=$(date +%s.%N)
    "$tool" ingest "$work/in" --db "$work/db.duckdb" --no-publish -q
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" -v n="$total" -v r="$run" 'BEGIN { printf "run %d: %.2f s, %.0f records/s\n", r, e - s, n / (e - s) }'
done
