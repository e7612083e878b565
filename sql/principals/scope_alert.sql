-- The principals of one alert ($alert_id): its user_arn and each of its user_arns, for principals/timeline.sql.
CREATE OR REPLACE TEMP TABLE principal_scope AS
SELECT DISTINCT principal AS user_arn
FROM (SELECT unnest(list_prepend(user_arn, coalesce(user_arns, []))) AS principal FROM alerts WHERE alert_id = $alert_id)
WHERE principal IS NOT NULL
