-- Every candidate of the range's windows at the lowest threshold tune needs (half the lowest threshold asked, for
-- the near-misses), from the rule's own query over the same window ends detect evaluates ($first_end to $last_end,
-- slice by slice as detect reads them, into tune_candidates made by candidates_table.sql):
-- the candidates at any higher threshold are exactly the rows at or over it, so one pass over the events serves
-- every threshold. The rule's query is filled in below. The rule's active exceptions then mark the candidates they
-- except (exceptions/apply.sql, as detect applies them).
INSERT INTO tune_candidates BY NAME
SELECT $rule_id AS rule_id, c.*
FROM (
{{rule}}
) c;
