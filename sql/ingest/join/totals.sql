-- The invocations stored and how many of them are matched to their CloudTrail call (for the ingest summary line).
SELECT (SELECT count(*) FROM bedrock_invocations) AS Stored,
       (SELECT count(*) FROM invocation_matches m
        WHERE EXISTS (SELECT 1 FROM bedrock_invocations i WHERE i.account_id = m.account_id AND i.request_id = m.request_id)) AS Matched
