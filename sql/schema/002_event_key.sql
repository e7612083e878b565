-- Schema version 2: cloudtrail_events.event_key, the upper 64 bits of md5(event_id) (md5, so that the key never
-- changes with the DuckDB version). After appending a batch, ingest looks for eventIDs stored twice by this key:
-- a column of 8-byte numbers reads several times faster than the ids themselves, which matters once the table
-- holds tens of millions of events. A repeated key sends the batch to the exact load, which compares the ids.

CREATE OR REPLACE MACRO duckdetect_event_key(event_id) AS CAST(md5_number(event_id) >> 64 AS UBIGINT);

ALTER TABLE cloudtrail_events ADD COLUMN IF NOT EXISTS event_key UBIGINT;

UPDATE cloudtrail_events SET event_key = duckdetect_event_key(event_id) WHERE event_key IS NULL;
