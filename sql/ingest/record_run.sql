-- One row of ingest_runs per ingest call.
INSERT INTO ingest_runs (run_id, started_at, finished_at, duration_ms, files_listed, files_unchanged, files_loaded,
                         files_failed, events_read, events_new, events_skipped, s3_list_requests, s3_get_requests,
                         s3_bytes_read, s3_request_cost_usd, invocations_read, invocations_new, invocations_skipped,
                         invocations_matched_by_request_id, invocations_matched_by_time)
VALUES (
    nextval('ingest_run_seq'), $started_at, $finished_at, $duration_ms, $files_listed, $files_unchanged,
    $files_loaded, $files_failed, $events_read, $events_new, $events_skipped, $s3_list_requests, $s3_get_requests,
    $s3_bytes_read, $s3_request_cost_usd, $invocations_read, $invocations_new, $invocations_skipped,
    $invocations_matched_by_request_id, $invocations_matched_by_time)
