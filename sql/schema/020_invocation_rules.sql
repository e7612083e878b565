-- Schema version 20: what the rules over invocation logs read (docs/rules.md "Rules over invocation logs"), extracted
-- once at ingest, set-based (ingest/invocations/stage.sql), never re-parsed per rule. No prompt or response text:
-- names of guardrails, policies, filter types, topics and confidences only; a guardrail's matched words, PII and
-- regex matches are text from the prompt or response and are not kept.
--   bedrock_invocations gains
--     guardrail_id            the guardrail the call ran with: Converse's guardrailConfig.guardrailIdentifier, else the
--                             id an assessment in the response is keyed by; NULL when the record shows none
--     guardrail_assessments   every entry of the guardrail's assessments of the prompt and of the response (content
--                             filters, denied topics, word lists, sensitive information, contextual grounding), as
--                             {policy, type, name, confidence, action}: policy is content_policy, topic_policy,
--                             word_policy, sensitive_information_policy or contextual_grounding_policy (Elastic's
--                             gen_ai.policy.name); NULL when the record has no assessment
--     prompt_exec_patterns    which of the shell and code execution fragments of Elastic's rule "High Risk Filesystem
--                             or Execution Tool Invocation" the request body holds (lower-cased); NULL without a body
--   bedrock_invocation_hours  per account, region and hour (UTC): the invocation records delivered, per ingest batch
--                             (appended with each batch's new invocations). The blind-spot rule reads it to know
--                             where invocation logging was delivering, without reading the invocations themselves.
--                             Its columns are named apart from the events' (delivered_*), so that a rule's predicate
--                             can name an event's account_id, region and event_time inside a subquery over it.
ALTER TABLE bedrock_invocations ADD COLUMN IF NOT EXISTS guardrail_id VARCHAR;
ALTER TABLE bedrock_invocations ADD COLUMN IF NOT EXISTS guardrail_assessments
    STRUCT(policy VARCHAR, "type" VARCHAR, "name" VARCHAR, confidence VARCHAR, "action" VARCHAR)[];
ALTER TABLE bedrock_invocations ADD COLUMN IF NOT EXISTS prompt_exec_patterns VARCHAR[];

CREATE TABLE IF NOT EXISTS bedrock_invocation_hours (
    delivered_account  VARCHAR NOT NULL,
    delivered_region   VARCHAR,
    delivered_hour     TIMESTAMPTZ NOT NULL,
    invocations        BIGINT NOT NULL,
    ingest_batch       BIGINT NOT NULL
);

INSERT INTO bedrock_invocation_hours
SELECT account_id, region, time_bucket(INTERVAL 1 HOUR, invocation_time, TIMESTAMPTZ '1970-01-01 00:00:00+00'), count(*), ingest_batch
FROM bedrock_invocations
GROUP BY ALL;
