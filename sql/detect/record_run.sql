-- One row of detect_runs per run.
INSERT INTO detect_runs VALUES (
    $run_id, $rule_id, $started_at, $finished_at, $duration_ms, $range_from, $range_to,
    $windows_evaluated, $late_windows, $candidates, $alerts_new, $alerts_updated, $alerts_retracted, $settings)
