-- Content signals: the rows a detect run since the copy computed ($watermark: the copy's last run) replace the copy's,
-- and the rows of alerts that no longer exist (retracted) leave it.
DELETE FROM published.alert_content_signals
WHERE alert_id IN (SELECT alert_id FROM alert_content_signals WHERE detect_run_id > $watermark)
   OR alert_id NOT IN (SELECT alert_id FROM alert_content_signals);
INSERT INTO published.alert_content_signals
SELECT * FROM alert_content_signals WHERE detect_run_id > $watermark;
