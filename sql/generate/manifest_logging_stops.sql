-- Where the generated invocation logs stop (invocations.sql), for the manifest.
SELECT account_id AS AccountId, region AS Region, case_name AS "Case", gen_iso(stopped_at) AS StoppedAt, reason AS Reason
FROM gen_invocation_logging_stops
ORDER BY stopped_at, account_id
