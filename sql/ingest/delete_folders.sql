-- Drops the records of the folders read again this call (saved anew next) and of folders gone from the walked trees.
DELETE FROM listed_folders WHERE list_contains($paths, path)
