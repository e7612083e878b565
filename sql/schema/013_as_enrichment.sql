-- Schema version 13: the autonomous system (AS) of events' source IPs, from an AS database the user loads
-- (`duckdetect asn load`, docs/enrichment.md).
--   asn_loads         every load of AS data (and `asn clear`): how many ranges, how many stored source IPs have an
--                     AS, how many alerts changed, when; the newest row describes the data in use.
--   asn_files         the files of each load: path, format, size, time, SHA-256 and what a MaxMind DB says of itself.
--   asn_ranges        the AS data in use: one row per address range (first and last address, both included), with
--                     its AS number and organization. Addresses are 128-bit numbers: IPv6 as written, IPv4 as its
--                     IPv4-mapped IPv6 address (::ffff:a.b.c.d), so that one ordering holds both.
--   asn_lookup        the same ranges keyed by a bucket of their addresses (IPv4 per /16, IPv6 per /24), one row per
--                     bucket a range reaches: a lookup is an equality join on the bucket, not a range join over all.
--   source_ip_as      the AS of every distinct source IP stored in cloudtrail_events (NULL where no range holds it):
--                     an event's AS is its source IP's. Rebuilt from all stored IPs when AS data is loaded, and
--                     extended by each ingest batch with the IPs it brings, in the batch's transaction.
--   cloudtrail_events_as  cloudtrail_events with source_asn and source_as_org (a view).
--   alerts, retracted_alerts, detection_candidates gain source_asns: the distinct AS numbers of the source IPs, as
--                     source_as_orgs holds their organizations.
--   alert_events      gains each event's source_asn and source_as_org.

CREATE SEQUENCE IF NOT EXISTS asn_load_seq START 1;

CREATE TABLE IF NOT EXISTS asn_loads (
    load_id            BIGINT PRIMARY KEY,
    action             VARCHAR NOT NULL,      -- 'load', or 'clear' (the AS data removed)
    ranges             BIGINT NOT NULL,       -- in asn_ranges after it
    ipv4_ranges        BIGINT NOT NULL,
    ipv6_ranges        BIGINT NOT NULL,
    overlapping_ranges BIGINT NOT NULL,       -- ranges of the files that overlapped another (the later start applies)
    source_ips         BIGINT NOT NULL,       -- distinct stored source IPs looked up
    source_ips_with_as BIGINT NOT NULL,
    alerts_updated     BIGINT NOT NULL,       -- alerts whose source_asns or source_as_orgs changed
    loaded_at          TIMESTAMPTZ NOT NULL,
    duration_ms        BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS asn_files (
    load_id            BIGINT NOT NULL,
    path               VARCHAR NOT NULL,      -- absolute
    format             VARCHAR NOT NULL,      -- 'mmdb', 'csv-ranges', 'csv-numbers', 'csv-networks'
    compression        VARCHAR,               -- 'gzip', 'tar.gz' or NULL
    description        VARCHAR,               -- a MaxMind DB's database_type and description
    built_at           TIMESTAMPTZ,           -- a MaxMind DB's build_epoch
    bytes              BIGINT NOT NULL,
    modified_at        TIMESTAMPTZ NOT NULL,
    sha256             VARCHAR NOT NULL,
    ranges             BIGINT NOT NULL        -- ranges (networks) the file holds
);

CREATE TABLE IF NOT EXISTS asn_ranges (
    range_start  UHUGEINT NOT NULL,
    range_end    UHUGEINT NOT NULL,
    asn          BIGINT NOT NULL,
    as_org       VARCHAR
);

CREATE TABLE IF NOT EXISTS asn_lookup (
    bucket       BIGINT NOT NULL,
    range_start  UHUGEINT NOT NULL,
    range_end    UHUGEINT NOT NULL,
    asn          BIGINT NOT NULL,
    as_org       VARCHAR
);

CREATE TABLE IF NOT EXISTS source_ip_as (
    source_ip      VARCHAR NOT NULL,
    source_asn     BIGINT,
    source_as_org  VARCHAR
);

CREATE OR REPLACE VIEW cloudtrail_events_as AS
SELECT e.*, m.source_asn, m.source_as_org
FROM cloudtrail_events e
LEFT JOIN source_ip_as m ON m.source_ip = e.source_ip;

ALTER TABLE alerts ADD COLUMN IF NOT EXISTS source_asns BIGINT[] DEFAULT CAST('[]' AS BIGINT[]);
ALTER TABLE retracted_alerts ADD COLUMN IF NOT EXISTS source_asns BIGINT[] DEFAULT CAST('[]' AS BIGINT[]);
ALTER TABLE detection_candidates ADD COLUMN IF NOT EXISTS source_asns BIGINT[] DEFAULT CAST('[]' AS BIGINT[]);
UPDATE alerts SET source_asns = [] WHERE source_asns IS NULL;
UPDATE retracted_alerts SET source_asns = [] WHERE source_asns IS NULL;
UPDATE detection_candidates SET source_asns = [] WHERE source_asns IS NULL;
ALTER TABLE alerts ALTER COLUMN source_asns SET NOT NULL;
ALTER TABLE retracted_alerts ALTER COLUMN source_asns SET NOT NULL;
ALTER TABLE detection_candidates ALTER COLUMN source_asns SET NOT NULL;

ALTER TABLE alert_events ADD COLUMN IF NOT EXISTS source_asn BIGINT;
ALTER TABLE alert_events ADD COLUMN IF NOT EXISTS source_as_org VARCHAR;
