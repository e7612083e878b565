-- One round of time matching, one-to-one: a pair is taken when each of its records is the other's nearest (ties: the
-- earlier partner, then the smaller id: an invocation prefers the earliest call, then the smallest event id; a call
-- the earliest invocation, then the smallest account and request id). The pairs left that involve a taken record are
-- dropped, and the next round takes the nearest among the rest.
CREATE OR REPLACE TEMP TABLE join_round AS
SELECT account_id, request_id, event_id, seconds_apart
FROM join_time_pairs
QUALIFY row_number() OVER (PARTITION BY account_id, request_id ORDER BY abs(seconds_apart), event_time, event_id) = 1
    AND row_number() OVER (PARTITION BY event_id ORDER BY abs(seconds_apart), invocation_time, account_id, request_id) = 1;

INSERT INTO invocation_matches
SELECT account_id, request_id, event_id, 'time', seconds_apart, $now, $upto_batch FROM join_round;

DELETE FROM join_time_pairs p
WHERE EXISTS (SELECT 1 FROM join_round r WHERE r.account_id = p.account_id AND r.request_id = p.request_id)
   OR EXISTS (SELECT 1 FROM join_round r WHERE r.event_id = p.event_id)
