-- Event history: the CloudTrail event embedded as a JSON string, parsed into the fields of record_columns.sql exactly
-- as a raw record is read (scalars as text, objects as JSON). A record without CloudTrailEvent has no fields (it is
-- skipped and counted, and a file of only such records is not CloudTrail); an embedded string that is not JSON fails
-- the file.
SELECT source_file, unnest(from_json(CloudTrailEvent, {{structure}}))
FROM ({{events}})
