-- The window ends one detect run evaluates, each once (window_ends_range.sql fills it first, window_ends_late.sql
-- adds only ends not there yet).
CREATE OR REPLACE TEMP TABLE detect_window_ends (window_end TIMESTAMPTZ NOT NULL, late BOOLEAN NOT NULL);
