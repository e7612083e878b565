-- Each S3 source (job's database only): when it was listed and reconciled, its date roots and newest day, its
-- objects, and what its last run asked of S3, with the estimated request cost (us-east-1 prices, docs/s3.md).
SELECT to_json(coalesce(list({
    source: s.source,
    endpoint: s.endpoint,
    last_listed_at: strftime(timezone('UTC', s.last_listed_at), '%Y-%m-%dT%H:%M:%SZ'),
    last_reconciled_at: strftime(timezone('UTC', s.last_reconciled_at), '%Y-%m-%dT%H:%M:%SZ'),
    date_roots: (SELECT count(*) FROM s3_prefixes p WHERE p.source = s.source),
    newest_day: (SELECT strftime(max(newest_day), '%Y-%m-%d') FROM s3_prefixes p WHERE p.source = s.source),
    objects_loaded: (SELECT count(*) FROM ingested_files f WHERE starts_with(f.path, s.source) AND f.status = 'loaded'),
    objects_failed: (SELECT count(*) FROM ingested_files f WHERE starts_with(f.path, s.source) AND f.status = 'failed'),
    last_run_list_requests: s.list_requests,
    last_run_get_requests: s.get_requests,
    last_run_bytes_read: s.bytes_read,
    last_run_request_cost_usd: round(s.list_requests * $list_price / 1000 + s.get_requests * $get_price / 1000, 6)
} ORDER BY s.source), []))::VARCHAR
FROM s3_sources s
