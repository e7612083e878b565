-- The published rules, filled by rule.sql from each rule's definition and query.
CREATE OR REPLACE TEMP TABLE publish_rules (
    rule_id              VARCHAR PRIMARY KEY,
    name                 VARCHAR NOT NULL,
    description          VARCHAR,
    severity             VARCHAR NOT NULL,
    risk_score           INTEGER NOT NULL,
    threshold            BIGINT NOT NULL,
    window_minutes       INTEGER NOT NULL,
    interval_minutes     INTEGER NOT NULL,
    suppression_minutes  INTEGER NOT NULL,
    suppression_fields   VARCHAR[] NOT NULL,
    tags                 VARCHAR[] NOT NULL,
    "references"         VARCHAR[] NOT NULL,
    query                VARCHAR NOT NULL,
    definition           JSON NOT NULL
);
