-- Bare DuckDB: the least it needs to load CloudTrail delivery files, one read_json with explicit column types.
CREATE TABLE events AS
SELECT unnest(Records, recursive := true)
FROM read_json('{{DATA}}/**/*.json.gz', format = 'unstructured', compression = 'gzip', maximum_object_size = 1073741824,
    columns = {Records: 'STRUCT(eventVersion VARCHAR, eventID VARCHAR, eventTime VARCHAR, eventSource VARCHAR, eventName VARCHAR, eventType VARCHAR, eventCategory VARCHAR, awsRegion VARCHAR, sourceIPAddress VARCHAR, userAgent VARCHAR, errorCode VARCHAR, errorMessage VARCHAR, requestID VARCHAR, sharedEventID VARCHAR, vpcEndpointId VARCHAR, recipientAccountId VARCHAR, readOnly VARCHAR, managementEvent VARCHAR, userIdentity JSON, requestParameters JSON, responseElements JSON, additionalEventData JSON, resources JSON)[]'})
;
SELECT count(*) FROM events
