-- Schema version 10: reading S3 directly (docs/s3.md). The listing state of each S3 source, kept apart per source
-- and bounded: one row per source, per account and region prefix (a "date root": the prefix whose children are
-- the date prefixes), and per day prefix listed; never one per object. Each object loaded is one row of
-- ingested_files (path s3://BUCKET/KEY, fingerprint etag:ETAG, its size and LastModified), written in the same
-- transaction as its events, as for local files.
--   s3_sources    each s3:// argument ingested: when it was last listed and reconciled, its last run's requests
--   s3_prefixes   the date roots found under a source, with their date layout and how far they were listed
--   s3_days       per date root and day prefix: what its last listing found
--   s3_objects    a view of ingested_files' S3 objects by bucket, key and ETag
--   ingest_runs   gains each call's S3 requests, bytes read and estimated request cost

CREATE TABLE IF NOT EXISTS s3_sources (
    source              VARCHAR PRIMARY KEY,  -- s3://BUCKET/PREFIX as given (a trailing / added to a prefix)
    bucket              VARCHAR NOT NULL,
    prefix              VARCHAR NOT NULL,
    endpoint            VARCHAR,              -- --endpoint-url, when one was given (never credentials)
    first_listed_at     TIMESTAMPTZ NOT NULL,
    last_listed_at      TIMESTAMPTZ NOT NULL,
    last_reconciled_at  TIMESTAMPTZ,          -- the last run that listed every date root whole
    list_requests       BIGINT NOT NULL,      -- the last run's, retries included
    get_requests        BIGINT NOT NULL,
    bytes_read          BIGINT NOT NULL,
    objects_listed      BIGINT NOT NULL,
    objects_loaded      BIGINT NOT NULL,
    objects_failed      BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS s3_prefixes (
    source          VARCHAR NOT NULL,
    prefix          VARCHAR NOT NULL,         -- the date root, e.g. AWSLogs/o-x/111122223333/CloudTrail/us-east-1/
    day_pattern     VARCHAR NOT NULL,         -- its day prefixes, e.g. {yyyy}/{MM}/{dd}/ or eventDay={yyyyMMdd}/
    listed_through  DATE NOT NULL,            -- the newest day prefix a completed run listed
    newest_day      DATE,                     -- the newest day prefix that held an object
    found_at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (source, prefix)
);

CREATE TABLE IF NOT EXISTS s3_days (
    source           VARCHAR NOT NULL,
    prefix           VARCHAR NOT NULL,
    day              DATE NOT NULL,
    objects          BIGINT NOT NULL,
    bytes            BIGINT NOT NULL,
    newest_modified  TIMESTAMPTZ,
    listed_at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (source, prefix, day)
);

CREATE OR REPLACE VIEW s3_objects AS
SELECT split_part(substr(path, 6), '/', 1) AS bucket,
       substr(path, 7 + length(split_part(substr(path, 6), '/', 1))) AS key,
       CASE WHEN fingerprint LIKE 'etag:%' THEN substr(fingerprint, 6) END AS etag,
       size_bytes, modified_at AS last_modified, status, error, events_read, events_new, ingest_batch, ingested_at
FROM ingested_files
WHERE path LIKE 's3://%';

ALTER TABLE ingest_runs ADD COLUMN IF NOT EXISTS s3_list_requests BIGINT DEFAULT 0;
ALTER TABLE ingest_runs ADD COLUMN IF NOT EXISTS s3_get_requests BIGINT DEFAULT 0;
ALTER TABLE ingest_runs ADD COLUMN IF NOT EXISTS s3_bytes_read BIGINT DEFAULT 0;
ALTER TABLE ingest_runs ADD COLUMN IF NOT EXISTS s3_request_cost_usd DOUBLE DEFAULT 0;
