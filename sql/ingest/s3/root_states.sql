-- A source's date roots, as the last completed run of it left them.
SELECT prefix AS Prefix, day_pattern AS DayPattern, CAST(listed_through AS TIMESTAMP) AS ListedThrough,
       CAST(newest_day AS TIMESTAMP) AS NewestDay
FROM s3_prefixes
WHERE source = $source
