-- The files that an ingest call found, before the skip check.
CREATE OR REPLACE TEMP TABLE ingest_listing (
    path         VARCHAR NOT NULL,
    rank         INTEGER NOT NULL,
    size_bytes   BIGINT NOT NULL,
    modified_at  TIMESTAMPTZ NOT NULL
);
