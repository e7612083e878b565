-- Matches by request id: an invocation and a CloudTrail call of the same account whose ids agree (CloudTrail's
-- requestID, the invocation's requestId), whatever else differs. Should several calls carry the invocation's id, the
-- one nearest in time is taken (then the smallest event id). A pair matched by time that involves either record gives
-- way to it; its other record is free again for the time matching that follows.
CREATE OR REPLACE TEMP TABLE join_id_pairs AS
SELECT i.account_id, i.request_id, e.event_id,
       epoch(i.invocation_time) - epoch(e.event_time) AS seconds_apart
FROM join_invocations i
JOIN join_events e ON e.account_id = i.account_id AND e.request_id = i.request_id
QUALIFY row_number() OVER (PARTITION BY i.account_id, i.request_id ORDER BY abs(seconds_apart), e.event_id) = 1
    AND row_number() OVER (PARTITION BY e.event_id ORDER BY abs(seconds_apart), i.account_id, i.request_id) = 1;

DELETE FROM invocation_matches m
WHERE m.method = 'time'
  AND (EXISTS (SELECT 1 FROM join_id_pairs p WHERE p.account_id = m.account_id AND p.request_id = m.request_id)
       OR EXISTS (SELECT 1 FROM join_id_pairs p WHERE p.event_id = m.event_id));

INSERT INTO invocation_matches
SELECT account_id, request_id, event_id, 'request_id', seconds_apart, $now, $upto_batch FROM join_id_pairs;

-- What time matching may still pair: the candidates without a match now.
DELETE FROM join_invocations i
WHERE EXISTS (SELECT 1 FROM invocation_matches m WHERE m.account_id = i.account_id AND m.request_id = i.request_id);

DELETE FROM join_events e WHERE EXISTS (SELECT 1 FROM invocation_matches m WHERE m.event_id = e.event_id)
