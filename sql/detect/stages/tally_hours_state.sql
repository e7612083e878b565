-- The kept hourly tally (tally_hours): the inference calls of the ingest batches after its mark (tally_hour_batches;
-- every batch the first time) up to $max_batch, counted per hour as the slice's tally counts them
-- (tally_groups.sql). Batches are appended to cloudtrail_events in order, so zone maps on ingest_batch skip the rest:
-- a scheduled run reads only the new batches' events. Rows of batches after the mark (none, unless a what-if file
-- starts over) go first, so that running it again takes each batch once. The AS is not kept: it is looked up when
-- the hours are read (tally_from_hours.sql), so that an AS database loaded later applies to them too.
DELETE FROM tally_hours
WHERE ingest_batch > coalesce((SELECT max(last_batch) FROM tally_hour_batches), 0);

INSERT INTO tally_hours BY NAME
SELECT bucket_start AS hour_start, user_arn, account_id, model_id, source_ip, calls, event_actions, user_agents,
       identity_types, access_key_ids, regions, first_seen, last_seen, $max_batch AS ingest_batch
FROM (
{{groups}}
);

DELETE FROM tally_hour_batches;
INSERT INTO tally_hour_batches (last_batch) VALUES ($max_batch)
