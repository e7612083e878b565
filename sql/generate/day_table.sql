-- The day's events in typed columns, before they are written as CloudTrail JSON or Parquet.
CREATE OR REPLACE TEMP TABLE gen_day (
    file_no               INTEGER NOT NULL,   -- (5-minute interval of the day * 3 + account_no) * 3 + region_no
    event_time            TIMESTAMP NOT NULL,
    principal_no          INTEGER NOT NULL,
    event_version         VARCHAR NOT NULL,
    event_source          VARCHAR NOT NULL,
    event_name            VARCHAR NOT NULL,
    aws_region            VARCHAR NOT NULL,
    source_ip             VARCHAR NOT NULL,
    user_agent            VARCHAR NOT NULL,
    error_code            VARCHAR,
    error_message         VARCHAR,
    request_parameters    JSON,
    response_elements     JSON,
    additional_event_data JSON,
    request_id            VARCHAR NOT NULL,
    event_id              VARCHAR NOT NULL,
    read_only             BOOLEAN NOT NULL,
    event_type            VARCHAR NOT NULL,
    recipient_account_id  VARCHAR NOT NULL,
    tls_host              VARCHAR            -- tlsDetails.clientProvidedHostHeader; no tlsDetails when NULL
);

-- Where a principal's call comes from: an address of its kind (documentation ranges and private VPC
-- addresses only), or the calling service's name for AWS services.
CREATE OR REPLACE TEMP MACRO gen_source_ip(ip_kind, name, h) AS
    CASE ip_kind
        WHEN 'office' THEN '203.0.113.' || (10 + h % 6)
        WHEN 'home'   THEN '198.51.100.' || (20 + h % 200)
        WHEN 'ci'     THEN '192.0.2.' || (100 + h % 40)
        WHEN 'saas'   THEN '192.0.2.' || (200 + h % 20)
        WHEN 'vpc'    THEN '10.0.' || (h % 8) || '.' || (2 + (h >> 8) % 250)
        WHEN 'attacker' THEN '203.0.113.66'   -- a VPN service's address (data/asn/sample-asn.csv), the campaign's
        ELSE name
    END;

-- The message CloudTrail shows for an error code.
CREATE OR REPLACE TEMP MACRO gen_error_message(code, arn, action, resource) AS
    CASE code
        WHEN 'AccessDenied' THEN 'User: ' || arn || ' is not authorized to perform: ' || action
            || CASE WHEN resource IS NOT NULL THEN ' on resource: ' || resource ELSE '' END
            || ' because no identity-based policy allows the ' || action || ' action'
        WHEN 'ThrottlingException' THEN 'Too many requests, please wait before trying again.'
        WHEN 'ValidationException' THEN 'The provided model identifier is invalid.'
        WHEN 'AccessDeniedException' THEN 'You don''t have access to the model with the specified model ID.'
        WHEN 'Client.UnauthorizedOperation' THEN 'You are not authorized to perform this operation.'
        WHEN 'ResourceNotFoundException' THEN 'Secrets Manager can''t find the specified secret.'
        WHEN 'NoSuchEntityException' THEN 'The role with name ' || coalesce(resource, 'unknown') || ' cannot be found.'
        WHEN 'ResourceAlreadyExistsException' THEN 'The specified log stream already exists'
        ELSE NULL
    END;
