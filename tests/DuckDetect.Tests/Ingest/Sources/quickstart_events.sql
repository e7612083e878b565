-- Test helper: the raw CloudTrail records of {{files}} (S3 delivery files), one row per record, as converters read them.
SELECT r.*
FROM (
    SELECT unnest(Records) AS r
    FROM read_json({{files}}, format = 'unstructured', records = true,
                   columns = {Records: 'STRUCT(eventVersion VARCHAR, eventID VARCHAR, eventTime VARCHAR, eventSource VARCHAR,
                              eventName VARCHAR, eventType VARCHAR, eventCategory VARCHAR, awsRegion VARCHAR,
                              sourceIPAddress VARCHAR, userAgent VARCHAR, errorCode VARCHAR, errorMessage VARCHAR,
                              requestID VARCHAR, sharedEventID VARCHAR, vpcEndpointId VARCHAR, recipientAccountId VARCHAR,
                              readOnly BOOLEAN, managementEvent BOOLEAN, userIdentity JSON, requestParameters JSON,
                              responseElements JSON, additionalEventData JSON, resources JSON)[]'})
)
