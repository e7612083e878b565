-- The files of one batch, in load order (file_rank; see DeliveryOrder).
CREATE OR REPLACE TEMP TABLE ingest_files (
    path         VARCHAR NOT NULL,
    read_path    VARCHAR NOT NULL,
    file_rank    INTEGER NOT NULL,
    size_bytes   BIGINT NOT NULL,
    modified_at  TIMESTAMPTZ NOT NULL,
    fingerprint  VARCHAR,
    format       VARCHAR NOT NULL,
    accepted     BOOLEAN NOT NULL DEFAULT true
);
