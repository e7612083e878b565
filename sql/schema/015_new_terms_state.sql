-- Schema version 15: a new-terms rule's history kept as state, so that a run reads the days of history once, not
-- at every run.
--   rule_term_hours  per new-terms rule, term and hour (hour-aligned, UTC): the last time in that hour an event
--                    matching the rule's predicate had that term, from the ingest batches the rule has seen
--                    (appended per detect run from the batches after its last, as rule_hourly_calls is). An hour
--                    that several batches touched has several rows; a term's last sighting before a time is their
--                    maximum. A window's own hour and after are read from the events themselves.
--   rule_term_batches per new-terms rule, the last ingest batch its kept hours take in (its own mark, not
--                    rule_state's: a database from before this version builds them from every batch on its next run).
CREATE TABLE IF NOT EXISTS rule_term_hours (
    rule_id       VARCHAR NOT NULL,
    term          VARCHAR,
    hour_start    TIMESTAMPTZ NOT NULL,
    last_seen     TIMESTAMPTZ NOT NULL,
    ingest_batch  BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS rule_term_batches (
    rule_id     VARCHAR PRIMARY KEY,
    last_batch  BIGINT NOT NULL
);
