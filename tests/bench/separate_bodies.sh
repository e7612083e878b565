#!/usr/bin/env bash
# The cost of bodies delivered separately: RECORDS Converse records (each prompt its own) in one gzip file, ingested
# into an empty database with the bodies in the records, and with the bodies delivered separately (each record's two
# bodies as gzip objects under the hour's data/ folder, read from that local copy), $BENCH_BODY_RUNS times each
# (default 3), interleaved; prints the load (uptime) and each run's wall time.
#
#   DUCKDETECT=/path/to/duckdetect tests/bench/separate_bodies.sh [RECORDS]     (default 2000)
set -euo pipefail
tool=${DUCKDETECT:?set DUCKDETECT to the duckdetect program}
records=${1:-2000}
runs=${BENCH_BODY_RUNS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" "$records" <<'PY'
import gzip, json, os, sys
work, records = sys.argv[1], int(sys.argv[2])
hour = "AWSLogs/111122223333/BedrockModelInvocationLogs/us-east-1/2024/05/01/12/"
for mode in ("inline", "separate"):
    folder = os.path.join(work, mode, hour)
    os.makedirs(os.path.join(folder, "data"), exist_ok=True)
    with gzip.open(os.path.join(folder, "20240501T1200Z_bench.json.gz"), "wt") as g:
        for i in range(records):
            rid = "body-%07d" % i
            body_in = {"messages": [{"role": "user", "content": [{"text": "Question %d: what does clause %d of contract %d say about %s?" % (i, i % 40, i * 7, "payment" if i % 2 else "delivery")}]}],
                       "inferenceConfig": {"maxTokens": 256, "temperature": 0.5}}
            body_out = {"output": {"message": {"role": "assistant", "content": [{"text": "Clause %d says the supplier must act within %d days." % (i % 40, i % 30)}]}}, "stopReason": "end_turn"}
            r = {"schemaType": "ModelInvocationLog", "schemaVersion": "1.0", "timestamp": "2024-05-01T12:%02d:%02dZ" % (i // 60 % 60, i % 60),
                 "accountId": "111122223333", "identity": {"arn": "arn:aws:sts::111122223333:assumed-role/app/s"}, "region": "us-east-1",
                 "requestId": rid, "operation": "Converse", "modelId": "anthropic.claude-3-haiku-20240307-v1:0",
                 "input": {"inputContentType": "application/json", "inputTokenCount": 30}, "output": {"outputContentType": "application/json", "outputTokenCount": 12}}
            if mode == "inline":
                r["input"]["inputBodyJson"] = body_in
                r["output"]["outputBodyJson"] = body_out
            else:
                for which, body in (("input", body_in), ("output", body_out)):
                    key = "%sdata/%s_%s.json.gz" % (hour, rid, which)
                    r[which][which + "BodyS3Path"] = "s3://bench-logs/" + key
                    with gzip.open(os.path.join(work, mode, key), "wt") as b:
                        json.dump(body, b)
            g.write(json.dumps(r, separators=(",", ":")) + "\n")
PY
echo "load: $(uptime)"
echo "$records records; bodies delivered separately: $((2 * records)) gzip objects read from the local copy"
for run in $(seq 1 "$runs"); do
    for mode in inline separate; do
        rm -f "$work/db.duckdb" "$work/db.alerts.duckdb"
        start=$(date +%s.%N)
        "$tool" ingest "$work/$mode" --db "$work/db.duckdb" --no-publish -q
        end=$(date +%s.%N)
        awk -v s="$start" -v e="$end" -v m="$mode" -v r="$run" 'BEGIN { printf "run %d %s: %.2f s\n", r, m, e - s }'
    done
done
