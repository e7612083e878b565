-- Date roots their parent no longer shows (deleted): their state goes.
DELETE FROM s3_prefixes WHERE source = $source AND list_contains($prefixes, prefix);
DELETE FROM s3_days WHERE source = $source AND list_contains($prefixes, prefix);
