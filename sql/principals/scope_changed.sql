-- The principals whose views a copy of the last analyst database (attached as `published`) holds out of date, for
-- principals/timeline.sql and publish/sync/principals.sql: those named, now or in the copy, by an alert changed
-- (created, updated, retracted) or triaged since the copy's newest change. A principal's views depend on its own
-- alerts only, so the others' rows in the copy stand.
CREATE OR REPLACE TEMP TABLE principal_scope AS
WITH changed AS (
    SELECT alert_id FROM alert_changes
    WHERE change_seq > (SELECT coalesce(max(change_seq), 0) FROM published.alert_changes)
    UNION
    SELECT alert_id FROM alert_triage
    WHERE triage_seq > (SELECT coalesce(max(triage_seq), 0) FROM published.alert_triage)
)
SELECT DISTINCT user_arn
FROM (
    SELECT unnest(list_prepend(user_arn, coalesce(user_arns, []))) AS user_arn
    FROM alerts WHERE alert_id IN (SELECT alert_id FROM changed)
    UNION ALL
    SELECT user_arn FROM published.principal_view_alerts WHERE alert_id IN (SELECT alert_id FROM changed)
)
WHERE user_arn IS NOT NULL
