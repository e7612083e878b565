-- `asn clear`: no AS data any more.
DELETE FROM asn_ranges;
DELETE FROM asn_lookup;
DELETE FROM source_ip_as;
