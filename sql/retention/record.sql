INSERT INTO prune_runs (run_id, pruned_before, started_at, finished_at, duration_ms, events_deleted, bytes_before,
                        bytes_after, compacted)
VALUES (nextval('prune_run_seq'), $before, $started_at, $finished_at, $duration_ms, $events_deleted, $bytes_before,
        $bytes_after, $compacted);
