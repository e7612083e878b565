-- Whether a rule's suppression, alerts and evidence (suppress.sql, apply_alerts.sql, evidence/alerts.sql) have
-- anything to do in this run, for all rules in one statement (one such part per rule, joined by UNION ALL), so that
-- a rule with nothing to do skips them. They have nothing to do when both hold:
--   * suppression's region is empty: no candidate that suppress.sql would fold again (its `kept` and `region`, the
--     same conditions), so recomputed_alerts would be empty;
--   * no alert of the rule still suppresses at or after the first window evaluated ({{dirty_from}}: none to retract
--     or update), and none has a timeline that reaches the events of the windows evaluated (none whose evidence
--     evidence/alerts.sql would gather again).
-- Then nothing changes but the rule's state and its run's record. Candidates is the run's count of candidates in
-- the windows evaluated (as alert_counts.sql counts them).
SELECT {{rule_id}} AS RuleId,
       EXISTS (
           WITH kept AS (
               SELECT {{alert_key}} AS group_key, max(a.suppression_start) + to_minutes({{duration_minutes}}) AS resume_at
               FROM alerts a
               WHERE a.rule_id = {{rule_id}}
                 AND a.suppression_start + to_minutes({{duration_minutes}}) <= {{dirty_from}}
               GROUP BY ALL
           )
           SELECT 1
           FROM detection_candidates c
           LEFT JOIN kept k ON k.group_key = {{candidate_key}}
           WHERE c.rule_id = {{rule_id}}
             AND c.exception_id IS NULL
             AND (k.resume_at IS NULL OR c.window_end >= k.resume_at)
       )
       OR EXISTS (
           SELECT 1
           FROM alerts a
           WHERE a.rule_id = {{rule_id}}
             AND (a.suppression_start + to_minutes({{duration_minutes}}) > {{dirty_from}}
                  OR a.suppression_end + to_minutes({{margin_minutes}}) > {{dirty_from}} - to_minutes({{window_minutes}}))
       ) AS HasWork,
       (SELECT count(*)
        FROM detection_candidates c
        JOIN detect_window_ends w USING (rule_id, window_end)
        WHERE c.rule_id = {{rule_id}}) AS Candidates
