-- The model id of a call (the seed rule's grok stage): the string value of request_parameters' "modelId", kept whole.
regexp_extract(request_parameters, '"modelId"\s*:\s*"([^"]+)"', 1)
