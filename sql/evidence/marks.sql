-- Which alerts in evidence_alerts were gathered before from the same basis (alert_evidence_marks): their principal,
-- models, opening window and suppression end, and $basis (the rule's windows and its evidence queries, hashed by the
-- caller). Such an alert's evidence and timeline are a function of that basis and the stored events alone, so they
-- can only have gained the events of the ingest batches after its mark: it leaves evidence_alerts, and when a batch
-- came since its mark ($max_batch is the newest) it goes to evidence_appending (append.sql takes those batches in).
-- The other alerts stay in evidence_alerts and are gathered again whole (refresh.sql). The marks then name what the
-- evidence holds after this run; a retracted alert loses its mark with its evidence.
CREATE OR REPLACE TEMP TABLE evidence_bases AS
SELECT alert_id,
       md5($basis || list((user_arn, account_id, source_ip, access_key_id, model_id, epoch_us(window_start),
                           epoch_us(suppression_end)) ORDER BY model_id NULLS FIRST)::VARCHAR) AS basis
FROM evidence_alerts
GROUP BY alert_id;

CREATE OR REPLACE TEMP TABLE evidence_kept AS
SELECT b.alert_id, m.last_batch
FROM evidence_bases b
JOIN alert_evidence_marks m ON m.rule_id = $rule_id AND m.alert_id = b.alert_id AND m.basis = b.basis;

CREATE OR REPLACE TEMP TABLE evidence_appending AS
SELECT t.*, k.last_batch
FROM evidence_alerts t
JOIN evidence_kept k ON k.alert_id = t.alert_id
WHERE k.last_batch < $max_batch;

DELETE FROM evidence_alerts WHERE alert_id IN (SELECT alert_id FROM evidence_kept);

DELETE FROM alert_evidence_marks
WHERE rule_id = $rule_id
  AND (alert_id IN (SELECT alert_id FROM retracting) OR alert_id IN (SELECT alert_id FROM evidence_alerts));

INSERT INTO alert_evidence_marks
SELECT $rule_id, alert_id, basis, $max_batch
FROM evidence_bases
WHERE alert_id IN (SELECT alert_id FROM evidence_alerts);

UPDATE alert_evidence_marks SET last_batch = $max_batch
WHERE rule_id = $rule_id AND alert_id IN (SELECT alert_id FROM evidence_appending);

DROP TABLE evidence_bases;
DROP TABLE evidence_kept;
