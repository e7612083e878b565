-- The day being generated (0 = the start date).
CREATE OR REPLACE TEMP TABLE gen_today AS
SELECT $day::INTEGER AS day_no, (p.start_date + $day::INTEGER)::TIMESTAMP AS day_start
FROM gen_params p
