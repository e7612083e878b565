-- source_ip_as afresh: the AS of every distinct source IP stored, from the AS data in use (asn/lookup.sql over them).
-- One pass over cloudtrail_events' source_ip column, and memory for the distinct IPs only, whatever the history.
DELETE FROM source_ip_as;

INSERT INTO source_ip_as
{{lookup}};
