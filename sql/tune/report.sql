-- Tune's figures as one JSON object: per threshold the alerts and distinct principals after suppression and
-- exceptions, the principal and model pairs that alert (a candidate at or over it), the pairs it adds or drops
-- against the current threshold, and the near-misses (pairs whose busiest window reached half the threshold but
-- not the threshold, with that peak and its window).
WITH
levels AS (
    SELECT DISTINCT unnest($thresholds) AS threshold
),
peaks AS MATERIALIZED (
    SELECT user_arn, account_id, model_id, inference_call_count AS peak, window_end AS peak_window_end
    FROM tune_candidates
    WHERE exception_id IS NULL
    QUALIFY row_number() OVER (PARTITION BY user_arn, account_id, model_id ORDER BY inference_call_count DESC, window_end) = 1
),
per_level AS (
    SELECT l.threshold,
           (SELECT count(*) FROM tune_alerts a WHERE a.threshold = l.threshold) AS alerts,
           (SELECT count(DISTINCT to_json([a.user_arn, a.account_id])) FROM tune_alerts a WHERE a.threshold = l.threshold) AS principals,
           (SELECT count(*) FROM peaks p WHERE p.peak >= l.threshold) AS pairs,
           (SELECT list({user_arn: p.user_arn, account_id: p.account_id, model_id: p.model_id, peak: p.peak,
                         peak_window_end: strftime(p.peak_window_end, '%Y-%m-%dT%H:%M:%SZ')} ORDER BY p.peak DESC, p.user_arn, p.model_id)
            FROM peaks p WHERE p.peak * 2 >= l.threshold AND p.peak < l.threshold) AS near_misses,
           (SELECT list({user_arn: p.user_arn, account_id: p.account_id, model_id: p.model_id, peak: p.peak} ORDER BY p.peak DESC, p.user_arn, p.model_id)
            FROM peaks p WHERE p.peak >= l.threshold AND p.peak < $current) AS pairs_added,
           (SELECT list({user_arn: p.user_arn, account_id: p.account_id, model_id: p.model_id, peak: p.peak} ORDER BY p.peak DESC, p.user_arn, p.model_id)
            FROM peaks p WHERE p.peak >= $current AND p.peak < l.threshold) AS pairs_dropped
    FROM levels l
)
SELECT to_json({
    candidates: (SELECT count(*) FROM tune_candidates),
    candidates_excepted: (SELECT count(*) FROM tune_candidates WHERE exception_id IS NOT NULL),
    thresholds: (
        SELECT list({threshold: threshold, current: threshold = $current, alerts: alerts, principals: principals, pairs: pairs,
                     near_misses: coalesce(len(near_misses), 0), pairs_added: coalesce(len(pairs_added), 0),
                     pairs_dropped: coalesce(len(pairs_dropped), 0)} ORDER BY threshold)
        FROM per_level),
    near_misses: (
        SELECT list({threshold: threshold, near_misses: coalesce(near_misses, [])} ORDER BY threshold) FROM per_level),
    changes: (
        SELECT list({threshold: threshold, pairs_added: coalesce(pairs_added, []), pairs_dropped: coalesce(pairs_dropped, [])} ORDER BY threshold)
        FROM per_level WHERE threshold <> $current)
})::VARCHAR
