-- AWS Bedrock High Risk Filesystem or Execution Tool Invocation (51d50385-aa3d-448c-bc48-7d6bc39108a3): Elastic's ES|QL rule over Bedrock model invocation logs, translated to a
-- predicate over the invocation rules' shared stage (detect/stages/invocation_columns.sql), a match rule.
-- from logs-aws_bedrock.invocation-*
-- | eval Esql.lowercase_prompt = TO_LOWER(gen_ai.prompt)
-- | where Esql.lowercase_prompt like "*/bin/sh*" or ... like "*bash -i*"        (23 fragments)
-- (matched at ingest in the lower-cased request body, which is Elastic's gen_ai.prompt: prompt_exec_patterns lists the
-- fragments found, ingest/invocations/exec_patterns.sql)
len(prompt_exec_patterns) > 0
