-- The severity a "templated or repetitive probing pattern" verdict gives an alert, as temporary macros on the
-- connection (detect creates them before a run): one step up (low to medium, medium to high, high to critical; critical
-- stays), and the risk score raised to the new severity's band (21, 47, 73, 99), never lowered.
CREATE OR REPLACE TEMP MACRO dd_raised_severity(severity) AS
    CASE severity WHEN 'low' THEN 'medium' WHEN 'medium' THEN 'high' WHEN 'high' THEN 'critical' ELSE severity END;

CREATE OR REPLACE TEMP MACRO dd_raised_risk(severity, risk_score) AS
    greatest(risk_score, CASE dd_raised_severity(severity)
                             WHEN 'medium' THEN 47 WHEN 'high' THEN 73 WHEN 'critical' THEN 99 ELSE risk_score END);
