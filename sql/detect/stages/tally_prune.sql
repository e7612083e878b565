-- Drops the buckets no window still to be evaluated reaches: those that start before $keep_from.
DELETE FROM {{tally}} WHERE bucket_start < $keep_from
