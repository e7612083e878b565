-- What the run accumulates across days for the manifest.

-- Successful Bedrock runtime calls per (arn, account, model id) and 10-minute bucket: the input of the seed,
-- low-and-slow and baseline-break rules.
CREATE OR REPLACE TEMP TABLE gen_window_buckets (
    arn        VARCHAR NOT NULL,
    account_id VARCHAR NOT NULL,
    model_id   VARCHAR NOT NULL,
    bucket     TIMESTAMP NOT NULL,
    calls      BIGINT NOT NULL
);

-- What each planted case's events turned out to be.
CREATE OR REPLACE TEMP TABLE gen_case_stats (
    case_name        VARCHAR NOT NULL,
    arn              VARCHAR NOT NULL,
    region           VARCHAR NOT NULL,
    model_id         VARCHAR,             -- NULL for a call that names no model
    event_name       VARCHAR NOT NULL,
    source_ip        VARCHAR NOT NULL,
    first_event      TIMESTAMP NOT NULL,
    last_event       TIMESTAMP NOT NULL,
    calls            BIGINT NOT NULL,
    successful_calls BIGINT NOT NULL
);

-- The same calls per (account, model id, source IP address, arn) and 10-minute bucket: the credential-distributed
-- rule's input. Calls whose sourceIPAddress is not an IP address (AWS services log their own name) are left out.
CREATE OR REPLACE TEMP TABLE gen_source_buckets (
    account_id VARCHAR NOT NULL,
    model_id   VARCHAR NOT NULL,
    source_ip  VARCHAR NOT NULL,
    arn        VARCHAR NOT NULL,
    bucket     TIMESTAMP NOT NULL,
    calls      BIGINT NOT NULL
);

-- The event rules' hits (reference_events.sql counts them per window): the planted calls' declared hits (event_cases.sql),
-- every failed inference call the LLMjacking enumeration rule reads, and every inference call that follows a listing of
-- the foundation models by the same long-term key within the sequence rule's span.
CREATE OR REPLACE TEMP TABLE gen_event_hits (
    rule_key      VARCHAR NOT NULL,
    event_time    TIMESTAMP NOT NULL,
    arn           VARCHAR,
    account_id    VARCHAR,
    access_key_id VARCHAR,
    model_id      VARCHAR,
    region        VARCHAR NOT NULL
);

-- Successful ListFoundationModels calls by a long-term key (AKIA...): the sequence's first step, kept across days.
CREATE OR REPLACE TEMP TABLE gen_listings (
    access_key_id VARCHAR NOT NULL,
    event_time    TIMESTAMP NOT NULL
);

-- Successful inference calls per account (the one the call was made in), region, model and hour, of every principal
-- (the blind-spot rule's input: reference_invocation_rules.sql).
CREATE OR REPLACE TEMP TABLE gen_inference_hours (
    account_id VARCHAR NOT NULL,
    region     VARCHAR NOT NULL,
    model_id   VARCHAR,
    hour       TIMESTAMP NOT NULL,
    calls      BIGINT NOT NULL
);
