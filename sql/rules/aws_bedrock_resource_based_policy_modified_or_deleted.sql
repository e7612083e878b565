-- AWS Bedrock Resource-Based Policy Modified or Deleted (de0e9ed8-b68f-4249-957a-2c2bbdbd1c1b): Elastic's new-terms
-- rule, translated: the query as a predicate over the event rules' shared stage; the new term (the principal) and
-- its history (7 days) are in the definition.
-- event.provider: "bedrock.amazonaws.com" and event.action: ("PutResourcePolicy" or "DeleteResourcePolicy")
event_source = 'bedrock.amazonaws.com'
AND event_name IN ('PutResourcePolicy', 'DeleteResourcePolicy')
-- and event.outcome: "success"
AND {{success}}
