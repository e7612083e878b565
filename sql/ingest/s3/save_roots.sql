-- The date roots listed this run: found now, or how far they are now listed.
INSERT INTO s3_prefixes (source, prefix, day_pattern, listed_through, newest_day, found_at)
SELECT $source, unnest($prefixes), unnest($patterns), CAST(unnest($listed_through) AS DATE),
       CAST(unnest($newest_days) AS DATE), $now
ON CONFLICT (source, prefix) DO UPDATE SET
    day_pattern = excluded.day_pattern,
    listed_through = greatest(s3_prefixes.listed_through, excluded.listed_through),
    newest_day = greatest(s3_prefixes.newest_day, excluded.newest_day)
