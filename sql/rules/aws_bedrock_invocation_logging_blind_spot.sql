-- AWS Bedrock Inference Without Invocation Logs (DuckDetect's): a successful inference call in CloudTrail is a hit
-- when the invocation logs of its account and region hold no record in the call's hour, although they held some in
-- the $delivering_days days before that hour (logging was delivering, then stopped or was re-pointed). A window
-- (hour-aligned, 60 minutes) fires per account and model at $threshold hits. The account is the one the call was
-- made in (recipientAccountId, as an invocation log's accountId is), else the caller's. Where logs were delivered is
-- bedrock_invocation_hours (kept at ingest, per account, region and hour; columns delivered_*), so no run reads the
-- invocations themselves; invocation ingest batches re-evaluate the windows up to $delivering_days days and an hour
-- after the invocations they add (the definition's invocation_logging), so that late logs retract the alert.
{{inference_call}}
AND {{success}}
AND coalesce(recipient_account_id, account_id) IS NOT NULL
-- missing: no invocation record of the account and region in the call's hour
AND NOT EXISTS (
    SELECT 1 FROM bedrock_invocation_hours
    WHERE delivered_account = coalesce(recipient_account_id, account_id)
      AND delivered_region IS NOT DISTINCT FROM region
      AND delivered_hour = time_bucket(INTERVAL 1 HOUR, event_time, TIMESTAMPTZ '1970-01-01 00:00:00+00'))
-- delivering before: some record of the account and region in the $delivering_days days before that hour
AND EXISTS (
    SELECT 1 FROM bedrock_invocation_hours
    WHERE delivered_account = coalesce(recipient_account_id, account_id)
      AND delivered_region IS NOT DISTINCT FROM region
      AND delivered_hour < time_bucket(INTERVAL 1 HOUR, event_time, TIMESTAMPTZ '1970-01-01 00:00:00+00')
      AND delivered_hour >= time_bucket(INTERVAL 1 HOUR, event_time, TIMESTAMPTZ '1970-01-01 00:00:00+00') - to_days($delivering_days))
