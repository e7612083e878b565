-- Schema version 14: Amazon Bedrock model invocation logs (docs/invocation-logs.md). No prompt or response text is
-- stored unless `ingest --keep-text` asks, and then only redacted, in its own table.
--   bedrock_invocations       one row per invocation (account and request id), from records of schemaType
--                             "ModelInvocationLog": who called which model how, with the hashes, lengths and flags
--                             that content signals need. NULL is unknown (a body of a shape the parser does not know,
--                             or delivered separately), never zero.
--   bedrock_invocation_texts  with --keep-text only: the last user turn and the response text, credentials masked.
--                             Never copied to the analyst database.
--   ingest_runs               gains the invocation records read, new and skipped of each ingest call.

CREATE TABLE IF NOT EXISTS bedrock_invocations (
    invocation_time        TIMESTAMPTZ NOT NULL,  -- the record's timestamp
    account_id             VARCHAR NOT NULL,      -- accountId
    principal_arn          VARCHAR,               -- identity.arn
    region                 VARCHAR,
    request_id             VARCHAR NOT NULL,      -- requestId: unique per account
    operation              VARCHAR,               -- InvokeModel, Converse, ConverseStream, InvokeModelWithResponseStream
    model_id               VARCHAR,               -- modelId as the rules take CloudTrail's (rules/shared/model_id.sql)
    input_tokens           BIGINT,                -- input.inputTokenCount
    output_tokens          BIGINT,                -- output.outputTokenCount
    error_code             VARCHAR,               -- errorCode (NULL: the call succeeded)
    guardrail_action       VARCHAR,               -- INTERVENED, NONE, or NULL when the record shows no guardrail
    temperature            DOUBLE,                -- the sampling settings, from either API (NULL: not set or unknown)
    max_tokens             BIGINT,
    top_p                  DOUBLE,
    input_format           VARCHAR,               -- where the prompt was found: messages, prompt, inputText, message; NULL unknown
    prompt_hash            VARCHAR,               -- MD5 of the last user turn, lower-cased, whitespace collapsed
    template_hash          VARCHAR,               -- MD5 of that text with numbers, quoted strings, e-mails, ids masked
    prompt_minhash         UINTEGER[],            -- MinHash of its word 3-shingles: 32 values
    prompt_chars           BIGINT,                -- characters of the last user turn
    output_hash            VARCHAR,               -- MD5 of the response text, lower-cased, whitespace collapsed
    output_chars           BIGINT,                -- characters of the response text
    prompt_has_credential  BOOLEAN,               -- the request body holds an access key id, private key or token
    output_has_credential  BOOLEAN,               -- the response body does
    input_body_s3_path     VARCHAR,               -- input.inputBodyS3Path: the request body was delivered separately
    output_body_s3_path    VARCHAR,               -- output.outputBodyS3Path
    separate_body_read     BOOLEAN,               -- NULL: bodies inline; false: delivered separately and not read
    source_file            VARCHAR NOT NULL,      -- the file (or s3:// object) it came from
    ingest_batch           BIGINT NOT NULL,
    ingested_at            TIMESTAMPTZ NOT NULL
);

CREATE TABLE IF NOT EXISTS bedrock_invocation_texts (
    account_id       VARCHAR NOT NULL,
    request_id       VARCHAR NOT NULL,
    invocation_time  TIMESTAMPTZ NOT NULL,
    prompt_text      VARCHAR,                     -- the last user turn, credentials masked
    output_text      VARCHAR,                     -- the response text, credentials masked
    ingest_batch     BIGINT NOT NULL
);

ALTER TABLE ingest_runs ADD COLUMN IF NOT EXISTS invocations_read BIGINT DEFAULT 0;
ALTER TABLE ingest_runs ADD COLUMN IF NOT EXISTS invocations_new BIGINT DEFAULT 0;
ALTER TABLE ingest_runs ADD COLUMN IF NOT EXISTS invocations_skipped BIGINT DEFAULT 0;
