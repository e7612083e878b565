-- Every folder that earlier walks saved.
SELECT path AS Path, parent AS Parent, device AS Device, inode AS Inode, modified_ns AS ModifiedNs,
       changed_ns AS ChangedNs, files AS Files, trusted AS Trusted, verified_at AS VerifiedAt
FROM listed_folders
