-- One row of detect_runs per rule of the run (the lists, unnested together).
INSERT INTO detect_runs (run_id, rule_id, started_at, finished_at, duration_ms, range_from, range_to, windows_evaluated,
                         late_windows, candidates, alerts_new, alerts_updated, alerts_retracted, settings,
                         first_window_end, last_window_end)
SELECT unnest($run_ids), unnest($rule_ids), $started_at, $finished_at, unnest($durations_ms), unnest($range_froms),
       unnest($range_tos), unnest($windows_evaluated), unnest($late_windows), unnest($candidates), unnest($alerts_new),
       unnest($alerts_updated), unnest($alerts_retracted), unnest($settings), unnest($first_window_ends),
       unnest($last_window_ends)
