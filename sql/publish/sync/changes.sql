-- Which parts of a copy of the last analyst database (attached as `published`) are behind the job's database:
-- one row of flags, read before anything is written, so that an update writes only those parts ($watermark is the
-- last detect run the copy holds, $lookback_minutes the principal views' lookback). A scheduled run that raised
-- nothing new updates the candidates, runs and state.
SELECT
    (SELECT coalesce(max(change_seq), 0) FROM alert_changes)
        > (SELECT coalesce(max(change_seq), 0) FROM published.alert_changes) AS AlertsChanged,
    EXISTS (SELECT 1 FROM retracted_alerts WHERE detect_run_id > $watermark) AS RetractionsAdded,
    EXISTS (SELECT 1 FROM detect_runs WHERE run_id > $watermark) AS DetectRan,
    EXISTS (SELECT 1 FROM alert_content_signals WHERE detect_run_id > $watermark) AS SignalsChanged,
    (SELECT coalesce(max(run_id), 0) FROM ingest_runs)
        > (SELECT coalesce(max(run_id), 0) FROM published.ingest_runs) AS IngestRan,
    EXISTS (SELECT 1 FROM ingest_runs WHERE files_loaded + files_failed > 0
            AND run_id > (SELECT coalesce(max(run_id), 0) FROM published.ingest_runs)) AS FilesChanged,
    EXISTS (SELECT 1 FROM alert_timeline WHERE detect_run_id > $watermark)
        OR (SELECT max(evidence_from) FROM published.publish_info) IS DISTINCT FROM $evidence_from AS EvidenceMoved,
    EXISTS (FROM published.delivery_consumers EXCEPT ALL FROM delivery_consumers)
        OR EXISTS (FROM delivery_consumers EXCEPT ALL FROM published.delivery_consumers) AS ConsumersChanged,
    (SELECT coalesce(max(config_id), 0) FROM destination_configs)
        > (SELECT coalesce(max(config_id), 0) FROM published.destination_configs) AS DestinationsChanged,
    EXISTS (FROM published.destination_state EXCEPT ALL FROM destination_state)
        OR EXISTS (FROM destination_state EXCEPT ALL FROM published.destination_state) AS DestinationStateChanged,
    (SELECT coalesce(max(triage_seq), 0) FROM alert_triage)
        > (SELECT coalesce(max(triage_seq), 0) FROM published.alert_triage) AS TriageChanged,
    EXISTS (FROM published.rule_exceptions EXCEPT ALL FROM rule_exceptions)
        OR EXISTS (FROM rule_exceptions EXCEPT ALL FROM published.rule_exceptions) AS ExceptionsChanged,
    EXISTS (SELECT 1 FROM published.principal_view_alerts WHERE lookback_minutes <> $lookback_minutes) AS LookbackChanged,
    (SELECT sha256(string_agg(rule_id || chr(31) || CAST(definition AS VARCHAR) || chr(31) || query, chr(30) ORDER BY rule_id))
     FROM published.rules) IS DISTINCT FROM $rules_fingerprint AS RulesChanged
