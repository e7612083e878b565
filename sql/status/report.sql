-- The operator's view as one JSON object (status adds the rules' pending windows and the files on disk), from the
-- job's database or, while that is in use, from the analyst database: the events and the unseen ingest batches are
-- read by fragments of their own (status/events_*.sql, status/unseen_*.sql).
SELECT to_json({
    events: ({{events}}),
    last_ingest: (
        SELECT {run_id: run_id, started_at: strftime(timezone('UTC', started_at), '%Y-%m-%dT%H:%M:%SZ'), duration_ms: duration_ms, files_listed: files_listed,
                files_loaded: files_loaded, files_failed: files_failed, events_new: events_new,
                s3_list_requests: s3_list_requests, s3_get_requests: s3_get_requests, s3_bytes_read: s3_bytes_read,
                s3_request_cost_usd: round(s3_request_cost_usd, 6)}
        FROM ingest_runs ORDER BY run_id DESC LIMIT 1),
    last_detect: (
        SELECT list({run_id: run_id, rule_id: rule_id, started_at: strftime(timezone('UTC', started_at), '%Y-%m-%dT%H:%M:%SZ'), duration_ms: duration_ms,
                     windows_evaluated: windows_evaluated, late_windows: late_windows, alerts_new: alerts_new,
                     alerts_updated: alerts_updated, alerts_retracted: alerts_retracted} ORDER BY rule_id)
        FROM (SELECT * FROM detect_runs QUALIFY row_number() OVER (PARTITION BY rule_id ORDER BY run_id DESC) = 1)),
    rule_state: (
        SELECT list({rule_id: rule_id, checkpoint: strftime(timezone('UTC', checkpoint), '%Y-%m-%dT%H:%M:%SZ'), last_ingest_batch: last_ingest_batch,
                     unseen_ingest_batches: ({{unseen}})}
                    ORDER BY rule_id)
        FROM rule_state s),
    failed_files: (
        SELECT {count: count(*), newest_path: arg_max(path, ingested_at), newest_error: arg_max(error, ingested_at),
                newest_at: strftime(timezone('UTC', max(ingested_at)), '%Y-%m-%dT%H:%M:%SZ')}
        FROM ingested_files WHERE status = 'failed'),
    alerts: (
        SELECT {stored: count(*), newest_window_end: strftime(timezone('UTC', max(window_end)), '%Y-%m-%dT%H:%M:%SZ'),
                open: count(*) FILTER (WHERE coalesce(t.triage_status, 'open') = 'open'),
                acknowledged: count(*) FILTER (WHERE t.triage_status = 'acknowledged'),
                closed: count(*) FILTER (WHERE t.triage_status = 'closed')}
        FROM alerts LEFT JOIN ({{triage}}) t USING (alert_id)),
    exceptions: (
        SELECT {active: count(*) FILTER (WHERE removed_at IS NULL), removed: count(*) FILTER (WHERE removed_at IS NOT NULL),
                alerts_retracted_by_exceptions: (SELECT count(DISTINCT alert_id) FROM retracted_alerts
                                                 WHERE retraction_reason LIKE 'exception %'
                                                   AND alert_id NOT IN (SELECT alert_id FROM alerts))}
        FROM rule_exceptions),
    consumers: (
        SELECT list({consumer: consumer, cursor: cursor, delivered_at: strftime(timezone('UTC', delivered_at), '%Y-%m-%dT%H:%M:%SZ'),
                     pending_changes: (SELECT count(*) FROM alert_changes WHERE change_seq > c.cursor)} ORDER BY consumer)
        FROM delivery_consumers c),
    destinations: (
        SELECT list({destination: d.destination, type: d.type, enabled: d.enabled, cursor: s.cursor,
                     pending_changes: (SELECT count(*) FROM alert_changes WHERE change_seq > s.cursor),
                     oldest_pending_at: (SELECT strftime(timezone('UTC', min(changed_at)), '%Y-%m-%dT%H:%M:%SZ')
                                         FROM alert_changes WHERE change_seq > s.cursor),
                     last_success_at: strftime(timezone('UTC', s.last_success_at), '%Y-%m-%dT%H:%M:%SZ'),
                     last_error: s.last_error,
                     last_error_at: strftime(timezone('UTC', s.last_error_at), '%Y-%m-%dT%H:%M:%SZ'),
                     failing_since: strftime(timezone('UTC', s.failing_since), '%Y-%m-%dT%H:%M:%SZ')} ORDER BY d.destination)
        FROM destination_configs d
        JOIN destination_state s USING (destination)
        WHERE d.version = (SELECT max(version) FROM destination_configs l WHERE l.destination = d.destination)
          AND d.action <> 'removed')
})::VARCHAR
