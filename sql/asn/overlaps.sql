-- How many of the staged ranges overlapped another (asn/replace_ranges.sql resolved them).
SELECT coalesce(sum(ranges), 0)::BIGINT FROM asn_overlaps
