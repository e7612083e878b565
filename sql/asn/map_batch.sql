-- The source IPs an ingest batch brought that source_ip_as does not hold yet, with their AS (asn/lookup.sql): run in the
-- batch's transaction, so that its events have their AS as soon as they are stored.
INSERT INTO source_ip_as
{{lookup}};
