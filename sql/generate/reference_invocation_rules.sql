-- The rules over invocation logs and the blind-spot rule (invocation_rules.sql), after reference_candidates.sql and
-- before reference_events.sql: from every invocation record written (gen_invocations_written) and the successful
-- inference calls per account, region, model and hour (gen_inference_hours), by what the generator wrote, not by
-- reading the records back. A record's time is its own timestamp (invocation_time). The rules over guardrail
-- assessments, credentials and execution fragments have no hits: nothing generated has them (rules' background notes).

-- Hits counted one by one, then windowed as the event rules' are (reference_events.sql): records showing no guardrail,
-- failed with ValidationException, failed with AccessDeniedException.
INSERT INTO gen_event_hits
SELECT 'invocations_without_guardrails', invocation_time, arn, account_id, NULL, model_id, region
FROM gen_invocations_written WHERE NOT guardrail_shown
UNION ALL
SELECT 'validation_exception_burst', invocation_time, arn, account_id, NULL, model_id, region
FROM gen_invocations_written WHERE error_code = 'ValidationException'
UNION ALL
SELECT 'denied_models', invocation_time, arn, account_id, NULL, model_id, region
FROM gen_invocations_written WHERE error_code = 'AccessDeniedException';

-- High token consumption: a principal's window fires on its records as a whole (count, largest prompt, average
-- completion over the records that have one, and their product as the risk).
INSERT INTO gen_candidates
WITH windowed AS (
    SELECT w.*, r.threshold, r.settings,
           unnest(gen_window_ends(w.invocation_time, r.interval_minutes, r.window_minutes)) AS window_end
    FROM gen_invocations_written w
    JOIN gen_rules r ON r.rule_key = 'high_token_consumption'
)
SELECT 'high_token_consumption', window_end, arn, account_id, NULL, NULL, NULL, count(*)::BIGINT, NULL
FROM windowed
GROUP BY window_end, arn, account_id, threshold, settings
HAVING count(*) >= threshold
   AND max(input_tokens) > settings['max_prompt_tokens']
   AND avg(output_tokens) > settings['avg_completion_tokens']
   AND (max(input_tokens) // 1000) * count(*) * (avg(output_tokens) / 500) > settings['min_risk'];

-- The blind spot: an hour of an account and region is unlogged when no record of it has its timestamp in that hour,
-- though some record of it has one in the delivering_days days before; its successful inference calls are hits, and
-- the hour (a window of its own: hour-aligned, 60 minutes) fires per account and model at threshold calls.
INSERT INTO gen_candidates
WITH delivered AS (
    SELECT DISTINCT account_id, region, time_bucket(INTERVAL 1 HOUR, invocation_time) AS hour FROM gen_invocations_written
), unlogged AS (
    SELECT h.*, r.threshold
    FROM gen_inference_hours h
    JOIN gen_rules r ON r.rule_key = 'invocation_logging_blind_spot'
    WHERE NOT EXISTS (SELECT 1 FROM delivered d WHERE d.account_id = h.account_id AND d.region = h.region AND d.hour = h.hour)
      AND EXISTS (SELECT 1 FROM delivered d
                  WHERE d.account_id = h.account_id AND d.region = h.region
                    AND d.hour < h.hour AND d.hour >= h.hour - to_days(r.settings['delivering_days']::INTEGER))
)
SELECT 'invocation_logging_blind_spot', hour + INTERVAL 1 HOUR, NULL, account_id, model_id, NULL, NULL,
       sum(calls)::BIGINT, NULL
FROM unlogged
GROUP BY hour, account_id, model_id, threshold
HAVING sum(calls) >= threshold;
