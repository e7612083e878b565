-- Appends the batch's new events. An event counts once: a record whose eventID is already stored is dropped, and
-- within the batch the first file (in path order) wins; within one file, the earliest eventTime, then the smallest
-- md5 of the normalized record (a fixed choice, whatever order the parallel read produced).
-- Duplicates within a batch are rare, so only the ids seen twice are ranked. Rows go in in event-time order, so that
-- each row group covers a short stretch of time and detect's time ranges skip the rest (zone maps).
INSERT INTO cloudtrail_events
WITH losers AS (
    SELECT row_id FROM (
        SELECT s.rowid AS row_id,
               row_number() OVER (PARTITION BY s.event_id ORDER BY f.file_rank, s.event_time, md5(to_json(s)::VARCHAR)) AS position
        FROM ingest_stage s
        JOIN ingest_files f ON f.read_path = s.source_file
        WHERE s.event_id IN (
            SELECT event_id FROM ingest_stage WHERE event_id IS NOT NULL GROUP BY event_id HAVING count(*) > 1)
    )
    WHERE position > 1
)
SELECT
    s.event_id, s.event_time, s.event_source, s.event_name, s.event_type, s.event_category,
    s.event_version, s.error_code, s.error_message, s.user_type, s.user_arn, s.user_principal_id,
    s.user_name, s.user_account_id, s.access_key_id, s.invoked_by, s.session_issuer_type,
    s.session_issuer_arn, s.session_issuer_user_name, s.session_mfa_authenticated, s.account_id,
    s.recipient_account_id, s.region, s.source_ip_address, s.source_ip, s.user_agent, s.request_id,
    s.shared_event_id, s.vpc_endpoint_id, s.read_only, s.management_event, s.request_parameters,
    s.response_elements, s.additional_event_data, s.resources,
    $batch, $now, f.path
FROM ingest_stage s
JOIN ingest_files f ON f.read_path = s.source_file AND f.accepted
WHERE s.event_id IS NOT NULL
  AND s.event_time IS NOT NULL
  AND s.rowid NOT IN (SELECT row_id FROM losers)
  AND NOT EXISTS (SELECT 1 FROM cloudtrail_events e WHERE e.event_id = s.event_id)
ORDER BY s.event_time
