-- Replaces the candidates of one span of windows by what the rule finds now (a span is every window end on the
-- interval grid from $first_end to $last_end).
DELETE FROM detection_candidates
WHERE rule_id = $rule_id
  AND window_end BETWEEN $first_end AND $last_end;

INSERT INTO detection_candidates BY NAME
SELECT $rule_id AS rule_id, rule.*
FROM ({{rule}}) AS rule;
