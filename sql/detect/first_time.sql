-- The first time of a rule's source (cloudtrail_events or bedrock_invocations): where a new database's first run starts.
SELECT min({{source_time}}) FROM {{source_table}}
