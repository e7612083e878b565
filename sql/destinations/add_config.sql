-- A new version of a destination's configuration (destinations add, change, disable, enable, remove): the row is
-- appended, numbered after the destination's last version; earlier versions stay as its history. An empty
-- $rule_ids is stored as NULL: every rule.
INSERT INTO destination_configs (config_id, destination, version, action, type, settings, rule_ids, min_severity,
                                 changes, enabled, timeout_seconds, retry_seconds, changed_by, changed_at, reason)
SELECT nextval('destination_config_seq'), $destination,
       coalesce((SELECT max(version) FROM destination_configs WHERE destination = $destination), 0) + 1,
       $action, $type, $settings, CASE WHEN len($rule_ids) = 0 THEN NULL ELSE $rule_ids END, $min_severity, $changes, $enabled, $timeout_seconds, $retry_seconds,
       $by, $now, $reason
RETURNING version;
