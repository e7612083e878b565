-- The bare program of the start-up rows: open a DuckDetect database and run one small query on it.
SELECT count(*) FROM cloudtrail_events
