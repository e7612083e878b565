-- The one pass of the rules over invocation logs over a slice of invocation time [$events_from, $events_to): every
-- invocation any of them may read (their predicates, or-ed, each from where its earliest window reaches back to).
INSERT INTO detect_invocations
SELECT *
FROM (
    SELECT {{invocation_columns}}
    FROM bedrock_invocations
    WHERE invocation_time >= $events_from
      AND invocation_time < $events_to
)
WHERE {{filter}}
