-- The run's options, read by every other generate script (so that only this statement takes parameters).
CREATE OR REPLACE TEMP TABLE gen_params AS
SELECT
    $seed::UBIGINT          AS seed,
    $start::DATE            AS start_date,
    $days::INTEGER          AS days,
    $events_per_day::BIGINT AS events_per_day,
    $file_minutes::INTEGER  AS file_minutes,  -- each account and region delivers one file per this many minutes
    $invocation_logs::BOOLEAN AS invocation_logs,  -- whether the planted principals' invocation logs are written
    0.04::DOUBLE            AS bedrock_share   -- share of a day's events that is background Bedrock runtime traffic
