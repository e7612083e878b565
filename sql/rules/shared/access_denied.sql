-- The call failed for want of permission (event.outcome: "failure" and aws.cloudtrail.error_code: ("AccessDenied" or
-- "AccessDeniedException")).
error_code IN ('AccessDenied', 'AccessDeniedException')
