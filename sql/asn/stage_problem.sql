-- The first row of a file that cannot be used, if any: its line and why.
SELECT line AS Line, problem AS Problem
FROM asn_stage
WHERE file_index = $file_index AND problem IS NOT NULL
ORDER BY line
LIMIT 1
