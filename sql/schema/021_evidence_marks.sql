-- Schema version 21: what an alert's evidence and timeline were last gathered from, so that a scheduled run does not
-- gather an unchanged alert's again from its whole span of events.
--   alert_evidence_marks  per alert: the basis of its evidence (its principal, models, opening window and
--                         suppression end, the rule's windows and counted-events query; evidence/marks.sql) and the
--                         newest ingest batch its evidence and timeline hold. An alert refreshed with the same basis
--                         takes in only the events of later batches (evidence/append.sql); one whose basis changed,
--                         or that has no mark (a database from before this version), is gathered again whole.
CREATE TABLE IF NOT EXISTS alert_evidence_marks (
    rule_id     VARCHAR NOT NULL,
    alert_id    VARCHAR NOT NULL,
    basis       VARCHAR NOT NULL,
    last_batch  BIGINT NOT NULL
);
