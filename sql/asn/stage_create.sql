-- The staging tables of one `asn load` (temporary, in its transaction): asn_stage_text holds the rows of CSV files
-- as read, asn_stage_networks the networks a MaxMind DB holds (appended by the program), asn_stage the ranges of
-- every file as numbers (problem: why a row cannot be used, NULL when it can).
CREATE OR REPLACE TEMP TABLE asn_stage_text (
    file_index  INTEGER NOT NULL,
    line        BIGINT NOT NULL,
    start_text  VARCHAR,
    end_text    VARCHAR,
    asn_text    VARCHAR,
    as_org      VARCHAR
);
CREATE OR REPLACE TEMP TABLE asn_stage_networks (
    file_index  INTEGER NOT NULL,
    line        BIGINT NOT NULL,
    start_hi    UBIGINT NOT NULL,
    start_lo    UBIGINT NOT NULL,
    end_hi      UBIGINT NOT NULL,
    end_lo      UBIGINT NOT NULL,
    asn         BIGINT NOT NULL,
    as_org      VARCHAR
);
CREATE OR REPLACE TEMP TABLE asn_stage (
    file_index   INTEGER NOT NULL,
    line         BIGINT NOT NULL,
    range_start  UHUGEINT,
    range_end    UHUGEINT,
    asn          BIGINT,
    as_org       VARCHAR,
    problem      VARCHAR
);
