-- The given alert ids that are neither an alert nor a retracted alert.
SELECT id
FROM (SELECT DISTINCT unnest($ids) AS id)
WHERE id NOT IN (SELECT alert_id FROM alerts)
  AND id NOT IN (SELECT alert_id FROM retracted_alerts)
ORDER BY id;
