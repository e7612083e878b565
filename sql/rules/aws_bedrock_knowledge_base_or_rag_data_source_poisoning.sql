-- AWS Bedrock Knowledge Base or RAG Data Source Tampering (7811b5f7-9e07-4999-87aa-a950365cd327): Elastic's new-terms
-- rule, translated: the query as a predicate over the event rules' shared stage; the new term (the account,
-- cloud.account.id) and its history (7 days) are in the definition.
-- data_stream.dataset: "aws.cloudtrail" (every stored event is a CloudTrail record)
-- and event.provider: "bedrock.amazonaws.com"
event_source = 'bedrock.amazonaws.com'
-- and event.action: ("IngestKnowledgeBaseDocuments" or "DeleteKnowledgeBaseDocuments" or "UpdateKnowledgeBase"
--                    or "CreateDataSource" or "UpdateDataSource" or "DeleteDataSource" or "StartIngestionJob"
--                    or "DeleteKnowledgeBase")
AND event_name IN ('IngestKnowledgeBaseDocuments', 'DeleteKnowledgeBaseDocuments', 'UpdateKnowledgeBase', 'CreateDataSource',
                   'UpdateDataSource', 'DeleteDataSource', 'StartIngestionJob', 'DeleteKnowledgeBase')
-- and event.outcome: "success"
AND {{success}}
-- (new_terms_fields: cloud.account.id) Elastic's CloudTrail pipeline fills cloud.account.id from
-- userIdentity.accountId only, and a new-terms rule gives an event without a value of its term field no term: such an
-- event is never new. account_id falls back to recipientAccountId; with user_account_id present it is that value.
AND user_account_id IS NOT NULL
