-- The condition of a staged record (alias s) that is a new invocation with a body delivered separately, not read yet.
s.separate_body_read = false
  AND s.is_invocation AND s.account_id IS NOT NULL AND s.request_id IS NOT NULL AND s.invocation_time IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM bedrock_invocations b WHERE b.account_id = s.account_id AND b.request_id = s.request_id)
