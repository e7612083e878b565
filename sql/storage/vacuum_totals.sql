-- The events loaded and the ingest and detect calls made since the database was created: a session whose calls
-- carry either past a multiple of its merge interval lets its checkpoint merge row groups (VacuumSchedule).
SELECT (SELECT CAST(coalesce(sum(events_new), 0) AS BIGINT) FROM ingest_runs) AS Events,
       (SELECT count(*) FROM ingest_runs) + (SELECT count(*) FROM detect_runs) AS Calls
