-- The window ends one detect run evaluates, per rule, each once (window_ends_range.sql fills a rule's first,
-- window_ends_late.sql adds only ends not there yet).
CREATE OR REPLACE TEMP TABLE detect_window_ends (rule_id VARCHAR NOT NULL, window_end TIMESTAMPTZ NOT NULL, late BOOLEAN NOT NULL);
