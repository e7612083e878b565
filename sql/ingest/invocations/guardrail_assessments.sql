-- Every entry of the guardrail assessments in a response body (out_body): of the prompt (Converse's
-- trace.guardrail.inputAssessment, a stream's amazon-bedrock-trace.guardrail.input) and of the response
-- (outputAssessments, outputs), wherever they sit (a streamed chunk, metadata, the body), found by recursive descent on
-- each policy's key; each of a policy's lists (filters, topics, customWords, managedWordLists, piiEntities, regexes)
-- gives its entries. An entry keeps its policy (Elastic's gen_ai.policy.name), type (a content filter's category, a
-- PII type, a topic's DENY), name (a denied topic's or regex's configured name), confidence and action; the text a
-- word list, PII or regex matched (match) is prompt or response text and is left out. NULL when there is none.
nullif(flatten([
    flatten(list_transform(coalesce(try_cast(json_extract(out_body, '$..contentPolicy') AS JSON[]), []),
        lambda p: flatten(list_transform(coalesce(json_keys(p), []),
            lambda k: list_transform(coalesce(try_cast(json_extract(p, '$."' || k || '"') AS JSON[]), []),
                lambda e: {'policy': 'content_policy', 'type': e ->> '$.type', 'name': e ->> '$.name',
                           'confidence': e ->> '$.confidence', 'action': e ->> '$.action'}))))),
    flatten(list_transform(coalesce(try_cast(json_extract(out_body, '$..topicPolicy') AS JSON[]), []),
        lambda p: flatten(list_transform(coalesce(json_keys(p), []),
            lambda k: list_transform(coalesce(try_cast(json_extract(p, '$."' || k || '"') AS JSON[]), []),
                lambda e: {'policy': 'topic_policy', 'type': e ->> '$.type', 'name': e ->> '$.name',
                           'confidence': e ->> '$.confidence', 'action': e ->> '$.action'}))))),
    flatten(list_transform(coalesce(try_cast(json_extract(out_body, '$..wordPolicy') AS JSON[]), []),
        lambda p: flatten(list_transform(coalesce(json_keys(p), []),
            lambda k: list_transform(coalesce(try_cast(json_extract(p, '$."' || k || '"') AS JSON[]), []),
                lambda e: {'policy': 'word_policy', 'type': e ->> '$.type', 'name': e ->> '$.name',
                           'confidence': e ->> '$.confidence', 'action': e ->> '$.action'}))))),
    flatten(list_transform(coalesce(try_cast(json_extract(out_body, '$..sensitiveInformationPolicy') AS JSON[]), []),
        lambda p: flatten(list_transform(coalesce(json_keys(p), []),
            lambda k: list_transform(coalesce(try_cast(json_extract(p, '$."' || k || '"') AS JSON[]), []),
                lambda e: {'policy': 'sensitive_information_policy', 'type': e ->> '$.type', 'name': e ->> '$.name',
                           'confidence': e ->> '$.confidence', 'action': e ->> '$.action'}))))),
    flatten(list_transform(coalesce(try_cast(json_extract(out_body, '$..contextualGroundingPolicy') AS JSON[]), []),
        lambda p: flatten(list_transform(coalesce(json_keys(p), []),
            lambda k: list_transform(coalesce(try_cast(json_extract(p, '$."' || k || '"') AS JSON[]), []),
                lambda e: {'policy': 'contextual_grounding_policy', 'type': e ->> '$.type', 'name': e ->> '$.name',
                           'confidence': e ->> '$.confidence', 'action': e ->> '$.action'})))))
]), [])
