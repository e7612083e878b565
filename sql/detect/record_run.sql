-- One row of detect_runs per run.
INSERT INTO detect_runs BY NAME SELECT
    $run_id AS run_id, $rule_id AS rule_id, $started_at AS started_at, $finished_at AS finished_at,
    $duration_ms AS duration_ms, $range_from AS range_from, $range_to AS range_to,
    $windows_evaluated AS windows_evaluated, $late_windows AS late_windows, $candidates AS candidates,
    $alerts_new AS alerts_new, $alerts_updated AS alerts_updated, $alerts_retracted AS alerts_retracted,
    $settings AS settings, $first_window_end AS first_window_end, $last_window_end AS last_window_end
