-- Schema version 18: the join of Bedrock model invocation logs with CloudTrail (docs/invocation-logs.md, "Joining with
-- CloudTrail"). Each invocation is matched to at most one CloudTrail inference call and each call to at most one
-- invocation: by request id where the ids agree, else by principal, account, region, model, operation and time.
--   invocation_matches      one row per matched pair: the invocation (account_id, request_id), the event (event_id),
--                           how (request_id or time) and how far apart their times are
--   invocation_match_state  the newest ingest batch the join has seen: each join reads only the batches after it
--   ingest_runs             gains the matches each ingest call made

CREATE TABLE IF NOT EXISTS invocation_matches (
    account_id     VARCHAR NOT NULL,       -- bedrock_invocations.account_id
    request_id     VARCHAR NOT NULL,       -- bedrock_invocations.request_id
    event_id       VARCHAR NOT NULL,       -- cloudtrail_events.event_id
    method         VARCHAR NOT NULL,       -- request_id: the ids agree; time: principal, account, region, model,
                                           -- operation and time within the tolerance
    seconds_apart  DOUBLE NOT NULL,        -- invocation_time - event_time, in seconds
    matched_at     TIMESTAMPTZ NOT NULL,
    ingest_batch   BIGINT NOT NULL         -- the newest ingest batch when the pair was matched
);

CREATE TABLE IF NOT EXISTS invocation_match_state (
    last_batch  BIGINT NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

ALTER TABLE ingest_runs ADD COLUMN IF NOT EXISTS invocations_matched_by_request_id BIGINT DEFAULT 0;
ALTER TABLE ingest_runs ADD COLUMN IF NOT EXISTS invocations_matched_by_time BIGINT DEFAULT 0;
