-- Schema version 9: when the analyst database is compacted.
--   published_files.compacted_bytes  the file's size when it was last written compact: afresh, or by an update whose
--                                    checkpoint merged its row groups. An update that does not merge them leaves small
--                                    and partly deleted row groups behind; past twice this size the next update merges.

ALTER TABLE published_files ADD COLUMN IF NOT EXISTS compacted_bytes BIGINT;
