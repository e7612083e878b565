-- The objects a listing of one source found, before the check of which need reading.
CREATE OR REPLACE TEMP TABLE s3_listing (
    path        VARCHAR NOT NULL,
    rank        INTEGER NOT NULL,
    size_bytes  BIGINT NOT NULL,
    etag        VARCHAR NOT NULL
);
