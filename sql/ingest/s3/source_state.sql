-- When a source was last listed whole (NULL when never).
SELECT last_reconciled_at FROM s3_sources WHERE source = $source
