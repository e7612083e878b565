-- The span of the join's hours (scope.sql): its first hour and the end of its last; no rows' worth when there is none.
SELECT count(*) AS Hours, min(hour) AS "From", max(hour) + INTERVAL 1 HOUR AS "To" FROM join_hours
