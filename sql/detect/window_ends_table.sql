-- The window ends one detect run evaluates.
CREATE OR REPLACE TEMP TABLE detect_window_ends (window_end TIMESTAMPTZ PRIMARY KEY, late BOOLEAN NOT NULL);
