-- Schema version 19: the threshold rules' hourly tally kept as state, so that a rule reading hour buckets over a
-- long window (the low-and-slow rule: 24 hours) does not tally a day of events at every run.
--   tally_hours         the inference calls per hour (hour-aligned, UTC) and (principal, account, model, source IP),
--                       with the analyst context lists of the hour, as the shared tally counts them
--                       (detect/stages/tally_append.sql), from the ingest batches detect has seen (appended per
--                       detect run from the batches after its mark). An hour that several batches touched has
--                       several rows; a tally of any width that is a whole number of hours sums and unites them.
--   tally_hour_batches  the last ingest batch tally_hours takes in (one row; a database from before this version
--                       builds it from every batch on its next run).
CREATE TABLE IF NOT EXISTS tally_hours (
    hour_start      TIMESTAMPTZ NOT NULL,
    user_arn        VARCHAR,
    account_id      VARCHAR,
    model_id        VARCHAR NOT NULL,
    source_ip       VARCHAR,
    calls           BIGINT NOT NULL,
    event_actions   VARCHAR[] NOT NULL,
    user_agents     VARCHAR[] NOT NULL,
    identity_types  VARCHAR[] NOT NULL,
    access_key_ids  VARCHAR[] NOT NULL,
    regions         VARCHAR[] NOT NULL,
    first_seen      TIMESTAMPTZ NOT NULL,
    last_seen       TIMESTAMPTZ NOT NULL,
    ingest_batch    BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS tally_hour_batches (
    last_batch  BIGINT NOT NULL
);
