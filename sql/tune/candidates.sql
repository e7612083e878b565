-- Every candidate of the range's windows at the lowest threshold tune needs (half the lowest threshold asked, for
-- the near-misses), from the rule's own query over the same window ends detect evaluates ($first_end to $last_end):
-- the candidates at any higher threshold are exactly the rows at or over it, so one pass over the events serves
-- every threshold. The rule's query is filled in below. The rule's active exceptions then mark the candidates they
-- except (exceptions/apply.sql, as detect applies them).
-- The table has detection_candidates' columns, so that a rule's output lacking one (NULL where it does not apply)
-- reads the same in tune as in detect.
CREATE OR REPLACE TEMP TABLE tune_candidates AS SELECT * FROM detection_candidates LIMIT 0;
INSERT INTO tune_candidates BY NAME
SELECT $rule_id AS rule_id, c.*
FROM (
{{rule}}
) c;
