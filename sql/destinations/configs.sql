-- Destinations' configurations: with $all every version (the history), else each destination's latest version
-- unless it was removed; by name, then version.
SELECT config_id AS ConfigId, destination AS Destination, version AS Version, action AS Action, type AS Type,
       settings AS SettingsJson, to_json(rule_ids)::VARCHAR AS RuleIdsJson, min_severity AS MinSeverity,
       to_json(changes)::VARCHAR AS ChangesJson, enabled AS Enabled, timeout_seconds AS TimeoutSeconds,
       retry_seconds AS RetrySeconds, changed_by AS ChangedBy, changed_at AS ChangedAt, reason AS Reason
FROM destination_configs
WHERE ($destination IS NULL OR destination = $destination)
  AND ($all OR (version = (SELECT max(version) FROM destination_configs l WHERE l.destination = destination_configs.destination)
                AND action <> 'removed'))
ORDER BY destination, version;
