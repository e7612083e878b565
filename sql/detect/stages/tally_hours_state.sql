-- The kept hourly tally (tally_hours): the inference calls of the ingest batches after its mark (tally_hour_batches;
-- every batch the first time) up to $max_batch, counted per hour as the slice's tally counts them
-- (tally_groups.sql). Batches are appended to cloudtrail_events in order, so zone maps on ingest_batch skip the rest:
-- a scheduled run reads only the new batches' events. Rows of batches after the mark (none, unless a what-if file
-- starts over) go first, so that running it again takes each batch once. The hours the new batches touched are then
-- merged into one row per group (calls summed, context united), so that an hour holds one row per group however
-- many batches delivered it. The AS is not kept: it is looked up when the hours are read (tally_from_hours.sql), so
-- that an AS database loaded later applies to them too.
DELETE FROM tally_hours
WHERE ingest_batch > coalesce((SELECT max(last_batch) FROM tally_hour_batches), 0);

INSERT INTO tally_hours BY NAME
SELECT bucket_start AS hour_start, user_arn, account_id, model_id, source_ip, calls, event_actions, user_agents,
       identity_types, access_key_ids, regions, first_seen, last_seen, $max_batch AS ingest_batch
FROM (
{{groups}}
);

CREATE OR REPLACE TEMP TABLE tally_hours_merged AS
SELECT hour_start, user_arn, account_id, model_id, source_ip, {{merged}},
       max(ingest_batch) AS ingest_batch
FROM tally_hours
WHERE hour_start IN (SELECT DISTINCT hour_start FROM tally_hours WHERE ingest_batch = $max_batch)
GROUP BY hour_start, user_arn, account_id, model_id, source_ip
HAVING count(*) > 1;

DELETE FROM tally_hours t
USING tally_hours_merged m
WHERE t.hour_start = m.hour_start
  AND t.user_arn IS NOT DISTINCT FROM m.user_arn
  AND t.account_id IS NOT DISTINCT FROM m.account_id
  AND t.model_id = m.model_id
  AND t.source_ip IS NOT DISTINCT FROM m.source_ip;

INSERT INTO tally_hours BY NAME SELECT * FROM tally_hours_merged;

DROP TABLE tally_hours_merged;

DELETE FROM tally_hour_batches;
INSERT INTO tally_hour_batches (last_batch) VALUES ($max_batch)
