-- The batch's records as read, for stage.sql: no body read from its own object yet (separate_raw.sql reads them).
SELECT *, NULL::JSON AS fetched_input, NULL::JSON AS fetched_output, false AS bodies_read
FROM (
{{raw}}
)
