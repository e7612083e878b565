-- AWS Bedrock LLMjacking Model Enumeration (39c99811-f291-486f-908f-9fabbd942084), DuckDetect's own rule: the
-- predicate of a hit, over the event rules' shared stage; the distinct-model or distinct-region condition and the
-- threshold are in the definition.
-- A Bedrock inference call (InvokeModel, Converse, ConverseStream, InvokeModelWithResponseStream)
{{inference_call}}
-- that failed as a stolen key's probe fails: an invalid request (ValidationException: the probe sends a deliberately
-- bad parameter, so the model answers nothing and costs nothing) or no access (AccessDeniedException: the model is not
-- enabled for the account, or the key lacks the permission).
AND error_code IN ('ValidationException', 'AccessDeniedException')
