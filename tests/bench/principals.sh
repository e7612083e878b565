#!/usr/bin/env bash
# The principal views' cost (docs/alerts.md, one view per principal): a database with ALERTS synthetic alerts of
# every rule, ALERTS / 20 principals over 30 days (each principal's alerts in bursts of a few hours), then
# $BENCH_ROUNDS rounds (default 5) of
#   * `alerts --by-principal --format json` (every view computed and printed, the process included), and
#   * the `publish: principal views` step of a publish that writes the analyst database afresh (DUCKDETECT_TRACE).
# Prints the median and the range of each.
#
#   tests/bench/principals.sh DUCKDETECT [ALERTS]      e.g. tests/bench/principals.sh /tmp/native/duckdetect 100000
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dd=$1; alerts=${2:-10000}; rounds=${BENCH_ROUNDS:-5}
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
db=$dir/bench.duckdb
log() { printf '%s\n' "$*" >&2; }

dotnet publish "$root/tests/bench/DuckSql" -c Release -o "$dir/ducksql" >/dev/null
"$dd" detect --db "$db" --to 2026-01-01T00:00:00Z --no-publish -q >/dev/null
cat > "$dir/alerts.sql" <<SQL
INSERT INTO alerts BY NAME
SELECT md5(i::VARCHAR) AS alert_id, r.rule_id, r.rule_name, r.severity, r.risk_score,
       t - INTERVAL 10 MINUTE AS window_start, t + INTERVAL 50 MINUTE AS window_end,
       'arn:aws:iam::111122223333:user/u' || (i % ($alerts // 20)) AS user_arn, '111122223333' AS account_id,
       'model' AS model_id, 600 AS inference_call_count, ['InvokeModel'] AS event_actions, ['203.0.113.7'] AS source_ips,
       [] AS user_agents, [] AS identity_types, [] AS access_key_ids, [] AS regions, [] AS source_as_orgs,
       t AS first_seen, t + INTERVAL 20 MINUTE AS last_seen, t + INTERVAL 50 MINUTE AS suppression_start,
       t + INTERVAL 50 MINUTE AS suppression_end, 0 AS suppressed_count, now() AS created_at, now() AS updated_at
FROM (SELECT i, TIMESTAMPTZ '2026-01-01 00:00:00+00' + to_minutes((i // ($alerts // 20)) * 37 + (i % 997) * 43) AS t
      FROM range($alerts) s(i)) a
JOIN (SELECT * FROM (VALUES
        ('56312ef5-656c-4bf7-ad9a-affed052b102', 'probing', 'medium', 47, 0),
        ('1934bd11-f476-48cd-a252-1ccf6ad54042', 'baseline break', 'low', 21, 1),
        ('cdf7b922-909c-440c-8df0-0efe72aa7bea', 'guardrail', 'medium', 47, 2),
        ('39c99811-f291-486f-908f-9fabbd942084', 'enumeration', 'high', 73, 3)) v(rule_id, rule_name, severity, risk_score, k)) r
  ON r.k = a.i % 4
;
SELECT count(*), count(DISTINCT user_arn), min(first_seen), max(first_seen) FROM alerts
SQL
log "alerts, principals, first, last: $(dotnet "$dir/ducksql/DuckSql.dll" "$db" "$dir/alerts.sql" 2>/dev/null)"

by=(); pub=()
for _ in $(seq "$rounds"); do
    start=$(date +%s.%N)
    "$dd" alerts --by-principal --format json --db "$db" > "$dir/views.json"
    by+=("$(echo "$(date +%s.%N) - $start" | bc)")
    rm -f "$dir"/bench.alerts.duckdb*
    step=$(DUCKDETECT_TRACE=1 "$dd" detect --db "$db" --to 2026-01-01T00:00:00Z 2>&1 >/dev/null | awk -F': ' '/publish: principal views/ { split($4, a, " "); print a[1] / 1000 }')
    pub+=("$step")
done
summary() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { printf "median %.3fs (range %.3f-%.3fs)", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2), v[1], v[NR] }'; }
echo "principal views of $alerts alerts, $(grep -o '"view_id"' "$dir/views.json" | wc -l) views, $rounds rounds, load $(cut -d' ' -f1-3 /proc/loadavg):"
echo "  alerts --by-principal --format json (process): $(summary "${by[@]}")"
echo "  publish step 'principal views' (a fresh file): $(summary "${pub[@]}")"
