DROP TABLE IF EXISTS signal_targets;
DROP TABLE IF EXISTS signal_calls;
DROP TABLE IF EXISTS signal_parts;
DROP TABLE IF EXISTS signal_severity;
DROP TABLE IF EXISTS signal_rules;
