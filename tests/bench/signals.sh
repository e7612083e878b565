#!/usr/bin/env bash
# The added cost of content signals in a scheduled detect: two days of generated CloudTrail (EVENTS a day, planted
# probing cases included), detected up to 22:00 of the second day; then a copy whose every threshold alert has
# invocation logs (300 records in its span, 300 in the days before, SaMIA-like) beside BACKGROUND records of other
# principals, ingested and detected (the one-time catch-up, not measured). Measured, interleaved, RUNS times each
# (default 5), on a fresh copy of each database: the scheduled detect of the next 10 minutes (--to 22:10)
#   without     no invocation logs in the database
#   with        invocation logs present, none new (the steady state: no alert needs its signals again)
#   with-late   the same, after a late invocation file of 200 records in the span of one alert (its signals recomputed)
# Prints the load (uptime) before each series and each run's wall time.
#
#   DUCKDETECT=/path/to/duckdetect tests/bench/signals.sh [RUNS] [EVENTS] [BACKGROUND]   (defaults 5, 200000, 50000)
set -euo pipefail
tool=${DUCKDETECT:?set DUCKDETECT to the duckdetect program}
runs=${1:-5}
events=${2:-200000}
background=${3:-50000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$tool" generate --out "$work/ct" --days 2 --events-per-day "$events" --start 2026-01-01 -q
"$tool" ingest "$work/ct/AWSLogs" --db "$work/without.duckdb" --no-publish -q
"$tool" detect --db "$work/without.duckdb" --to 2026-01-02T22:00:00Z --no-publish -q > /dev/null
"$tool" alerts --db "$work/without.duckdb" --format ndjson > "$work/alerts.ndjson"
python3 - "$work/alerts.ndjson" "$work/inv" "$background" <<'PY'
import json, os, sys, datetime, random
alerts, out, background = sys.argv[1], sys.argv[2], int(sys.argv[3])
random.seed(7)
os.makedirs(out + "/late", exist_ok=True)
def ts(t): return t.strftime("%Y-%m-%dT%H:%M:%SZ")
def parse(s): return datetime.datetime.strptime(s[:19], "%Y-%m-%dT%H:%M:%S")
def record(n, t, arn, account, model, prompt, output):
    return json.dumps({"schemaType": "ModelInvocationLog", "timestamp": ts(t), "accountId": account, "identity": {"arn": arn},
        "region": "us-east-1", "requestId": "bench-%09d" % n, "operation": "Converse", "modelId": model,
        "input": {"inputTokenCount": 20, "inputBodyJson": {"messages": [{"role": "user", "content": [{"text": prompt}]}],
                  "inferenceConfig": {"temperature": 0.8, "maxTokens": 16}}},
        "output": {"outputTokenCount": 12, "outputBodyJson": {"output": {"message": {"content": [{"text": output}]}}}}})
n = 0
rows = [json.loads(l) for l in open(alerts)]
threshold = [a for a in rows if a.get("inference_call_count") is not None and a.get("model_id")]
late_done = False
with open(out + "/alerts.json", "w") as f, open(out + "/late/late.json", "w") as late:
    for a in threshold:
        arns = [a["user_arn"]] if a.get("user_arn") else (a.get("user_arns") or [])
        if not arns: continue
        start, end = parse(a["window_start"]), parse(a["suppression_end"])
        for i in range(600):
            t = (start - datetime.timedelta(days=3) + (end - start) * (i - 300) / 300) if i < 300 else start + (end - start) * (i - 300) / 300
            n += 1
            f.write(record(n, t, arns[i % len(arns)], a["account_id"], a["model_id"], "continue passage %d of the corpus" % (i % 40), "sample %d" % i) + "\n")
        if not late_done:
            for i in range(200):
                n += 1
                late.write(record(n, start + (end - start) * i / 200, arns[0], a["account_id"], a["model_id"], "late prompt %d about the memo" % i, "late %d" % i) + "\n")
            late_done = True
    base = datetime.datetime(2026, 1, 1)
    for i in range(background):
        n += 1
        t = base + datetime.timedelta(seconds=random.randrange(0, 2 * 86400))
        f.write(record(n, t, "arn:aws:sts::111122223333:assumed-role/rag-app/s%d" % (i % 50), "111122223333",
                       "anthropic.claude-3-haiku-20240307-v1:0", "question %d about document %d" % (i, i * 7), "answer %d" % i) + "\n")
print("%d threshold alerts, %d invocation records" % (len(threshold), n), file=sys.stderr)
PY
cp "$work/without.duckdb" "$work/with.duckdb"
"$tool" ingest "$work/inv/alerts.json" --db "$work/with.duckdb" --no-publish -q
"$tool" detect --db "$work/with.duckdb" --to 2026-01-02T22:00:00Z --no-publish -q > /dev/null
measure() {
    local mode=$1 run=$2 db="$work/run.duckdb"
    rm -f "$db" "$db.wal"
    case $mode in
        without) cp "$work/without.duckdb" "$db" ;;
        with) cp "$work/with.duckdb" "$db" ;;
        with-late) cp "$work/with.duckdb" "$db"; "$tool" ingest "$work/inv/late" --db "$db" --no-publish -q ;;
    esac
    local start end
    start=$(date +%s.%N)
    "$tool" detect --db "$db" --to 2026-01-02T22:10:00Z --no-publish -q > /dev/null
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" -v m="$mode" -v r="$run" 'BEGIN { printf "%s run %d: %.3f s\n", m, r, e - s }'
}
for run in $(seq 1 "$runs"); do
    echo "load: $(uptime)"
    for mode in without with with-late; do
        measure "$mode" "$run"
    done
done
