-- The event time of the ingest batches the alerts in evidence_appending have not taken in (after the oldest mark, up
-- to $max_batch), within what their timelines reach (from a window before the first to the end of the last): the
-- range append.sql reads, and the part of it their alert_events rows come from. None when those batches hold no
-- event there. The batches are those of the rule's source ({{source_table}}: CloudTrail's, or the invocation logs').
WITH fresh AS (
    SELECT min({{source_time}}) AS first_time, max({{source_time}}) AS last_time
    FROM {{source_table}}
    WHERE ingest_batch > (SELECT min(last_batch) FROM evidence_appending) AND ingest_batch <= $max_batch
),
reach AS (
    SELECT min(range_start) - to_minutes($window_minutes) AS range_start, max(range_end) AS range_end,
           min(window_start) - to_minutes($events_before_minutes) AS events_start, max(suppression_end) AS events_end,
           count(*) AS models
    FROM evidence_appending
)
SELECT greatest(r.range_start, f.first_time) AS RangeStart, least(r.range_end, f.last_time + INTERVAL 1 MICROSECOND) AS RangeEnd,
       greatest(r.events_start, f.first_time) AS EventsStart, least(r.events_end, f.last_time + INTERVAL 1 MICROSECOND) AS EventsEnd,
       r.models AS Models
FROM fresh f, reach r
WHERE f.first_time IS NOT NULL
  AND greatest(r.range_start, f.first_time) < least(r.range_end, f.last_time + INTERVAL 1 MICROSECOND)
