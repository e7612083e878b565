-- The one pass over the events (Many rules, one pass): the inference calls of a slice of event time
-- [$events_from, $events_to), counted once for every threshold rule (tally_groups.sql). A slice starts and ends on a
-- bucket boundary, so a bucket is tallied once. The AS of the source IP (number and organization, the seed rule's
-- VALUES(source.as.organization.name)) comes from source_ip_as, once per group (tally_as.sql).
INSERT INTO {{tally}} BY NAME
SELECT t.*, {{as_lists}}
FROM (
{{groups}}
) t
LEFT JOIN source_ip_as m ON m.source_ip = t.source_ip
