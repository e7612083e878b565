-- A small table that differs from the job's, written again whole: {{table}} is one of a fixed list
-- (AnalystDatabase.SmallTables), {{source}} the job's table or query it is copied from.
DELETE FROM published.{{table}};
INSERT INTO published.{{table}} SELECT * FROM {{source}};
