-- Schema version 5: listed_folders, what ingest saw of each folder it walked, so that a scheduled run can skip the
-- folders unchanged since (see docs/scale.md). A folder whose entries are added, removed or renamed gets a new
-- modification and change time; a trusted folder seen again with the same device, inode and both times holds the
-- same files as when it was read, and they were all loaded then.

CREATE TABLE IF NOT EXISTS listed_folders (
    path         VARCHAR NOT NULL,   -- the folder as walked (absolute, links not resolved)
    parent       VARCHAR NOT NULL,   -- the folder it was found in ('' for a walk's root)
    device       BIGINT NOT NULL,    -- statx: device (major << 32 | minor)
    inode        BIGINT NOT NULL,
    modified_ns  BIGINT NOT NULL,    -- statx: modification time, nanoseconds since 1970
    changed_ns   BIGINT NOT NULL,    -- statx: change time (set by the kernel; a tool resetting mtime moves it)
    files        BIGINT NOT NULL,    -- data files the walk took from it
    trusted      BOOLEAN NOT NULL,   -- its record may stand in for reading it (see docs/scale.md)
    verified_at  TIMESTAMPTZ NOT NULL -- when its entries and files were last read and checked
);
