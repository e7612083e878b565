-- The invocations of the rules over invocation logs: their shared stage (Many rules, one pass), filled slice by slice
-- by invocation_append.sql, with the columns their predicates, keys and evidence name.
CREATE OR REPLACE TEMP TABLE detect_invocations AS
SELECT {{invocation_columns}}
FROM bedrock_invocations
LIMIT 0
