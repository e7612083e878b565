-- The files listed in the folders that this call read, to check after loading that each is recorded as listed.
CREATE OR REPLACE TEMP TABLE folder_files (
    folder       VARCHAR NOT NULL,
    path         VARCHAR NOT NULL,
    size_bytes   BIGINT NOT NULL,
    modified_at  TIMESTAMPTZ NOT NULL
);
