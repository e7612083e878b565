-- Schema version 7: retention.
--   rule_state.pruned_before  the pruned horizon: events before it were deleted by `prune`, so detection never
--                             evaluates a window that starts before it (the window would be incomplete)
--   prune_runs                one row per prune: the horizon, events deleted, the file's size before and after

ALTER TABLE rule_state ADD COLUMN IF NOT EXISTS pruned_before TIMESTAMPTZ;

CREATE SEQUENCE IF NOT EXISTS prune_run_seq START 1;

CREATE TABLE IF NOT EXISTS prune_runs (
    run_id          BIGINT PRIMARY KEY,
    pruned_before   TIMESTAMPTZ NOT NULL,
    started_at      TIMESTAMPTZ NOT NULL,
    finished_at     TIMESTAMPTZ NOT NULL,
    duration_ms     BIGINT NOT NULL,
    events_deleted  BIGINT NOT NULL,
    bytes_before    BIGINT NOT NULL,
    bytes_after     BIGINT NOT NULL,
    compacted       BOOLEAN NOT NULL
);
