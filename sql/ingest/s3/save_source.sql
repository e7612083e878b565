-- A source's run: when it was listed (and reconciled), and what the run asked of S3 and found.
INSERT INTO s3_sources (source, bucket, prefix, endpoint, first_listed_at, last_listed_at, last_reconciled_at,
                        list_requests, get_requests, bytes_read, objects_listed, objects_loaded, objects_failed)
VALUES ($source, $bucket, $prefix, $endpoint, $now, $now, CASE WHEN $reconciled THEN $now END, $list_requests,
        $get_requests, $bytes_read, $objects_listed, $objects_loaded, $objects_failed)
ON CONFLICT (source) DO UPDATE SET
    endpoint = excluded.endpoint,
    last_listed_at = excluded.last_listed_at,
    last_reconciled_at = coalesce(excluded.last_reconciled_at, s3_sources.last_reconciled_at),
    list_requests = excluded.list_requests,
    get_requests = excluded.get_requests,
    bytes_read = excluded.bytes_read,
    objects_listed = excluded.objects_listed,
    objects_loaded = excluded.objects_loaded,
    objects_failed = excluded.objects_failed
