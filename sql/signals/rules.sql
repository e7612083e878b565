-- The threshold rules whose content signals this detect run refreshes, one row each (added by signals/add_rule.sql):
-- the run record's id, the rule's severity and risk score, and the last invocation ingest batch its signals took in.
-- All of them are refreshed together, in one pass over the invocations (signals/targets.sql, signals/compute.sql).
CREATE OR REPLACE TEMP TABLE signal_rules (
    rule_id     VARCHAR NOT NULL PRIMARY KEY,
    run_id      BIGINT NOT NULL,
    severity    VARCHAR NOT NULL,
    risk_score  INTEGER NOT NULL,
    last_batch  BIGINT NOT NULL
);
