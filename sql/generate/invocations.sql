-- Bedrock model invocation logs of the planted principals (day_invocations.sql writes them; docs/invocation-logs.md,
-- "Planted cases"). Every inference call of a planted principal is logged, with the same request id as its CloudTrail
-- event, unless IAM denied it (AccessDenied: the call never reached Bedrock) or logging had stopped where it ran.
-- Background traffic is not logged.

-- What each case's prompts look like (a planted principal of another case, such as an event rule's, is 'application'):
--   rag_service      diverse questions over retrieved context, long answers; its embedding calls embed diverse chunks
--   eval_pipeline    six task templates, every prompt once, temperature 0, answers of a normal length
--   samia_prober     each candidate passage sent 8 times at temperature 0.9 (the SaMIA pattern), short answers
--   template_prober  one template with a changing customer record, max tokens 16
--   application      diverse questions, ordinary answers
-- probing: whether a volumetric alert on the case must carry the probing verdict when its calls were logged.
-- guarded: whether the case's principals call through a guardrail (the rule "invocations without guardrails" counts the
-- records that show none). The probers and the campaign do not; the evaluation pipeline calls the raw model (that
-- rule's documented false positive); the RAG service's chat calls do, its embedding calls cannot (guardrails do not
-- apply to embeddings). A planted principal of another case (the event rules', 'application') is guarded.
CREATE OR REPLACE TEMP TABLE gen_invocation_profiles AS
SELECT * FROM (VALUES
    ('rag_service',          'rag_service',     false, true),
    ('eval_pipeline',        'eval_pipeline',   false, false),
    ('loud_probing',         'samia_prober',    true,  false),
    ('distributed_probing',  'samia_prober',    true,  false),
    ('paced_probing',        'template_prober', true,  false),
    ('sustained_probing',    'template_prober', true,  false),
    ('low_and_slow_probing', 'template_prober', true,  false),
    ('threshold_exact',      'template_prober', true,  false),
    ('failures_not_counted', 'application',     false, true),
    ('llmjacking_campaign',  'application',     false, false)
) t(case_name, profile, probing, guarded);

-- Where invocation logging stops (from stopped_at on): a whole account and region (case_name NULL: its owner turned
-- logging off midway, while its principals keep calling), or the calls of one case's principals (the LLMjacking
-- campaign deletes the logging configuration before its volume; the other principals of that account and region stay
-- logged, a simplification: in AWS the configuration is the account and region's).
CREATE OR REPLACE TEMP TABLE gen_invocation_logging_stops AS
SELECT a.account_id, 'us-east-1' AS region, NULL::VARCHAR AS case_name, p.start_date::TIMESTAMP + INTERVAL 990 MINUTE AS stopped_at,
       'Invocation logging of the account and region stops at 16:30 on the first day while CloudTrail still shows inference calls: the low-and-slow prober''s later calls and all of threshold_exact''s have no invocation records.' AS reason
FROM gen_accounts a CROSS JOIN gen_params p
WHERE a.account_no = 1
UNION ALL
SELECT p.account_id, c.region, c.case_name, g.start_date::TIMESTAMP + to_seconds(c.second),
       'The LLMjacking campaign deletes the invocation logging configuration (DeleteModelInvocationLoggingConfiguration) before its volume: its later calls have no invocation records.'
FROM gen_case_calls c
JOIN gen_principals p USING (case_name)
CROSS JOIN gen_params g
WHERE c.event_name = 'DeleteModelInvocationLoggingConfiguration' AND c.case_name = 'llmjacking_campaign';

-- The invocations written so far (planted calls are on the first day only), for the manifest and the reference
-- evaluation of the rules over invocation logs (reference_invocation_rules.sql): what each record shows.
--   event_time        its CloudTrail event's time; invocation_time: the record's timestamp
--   guardrail_shown   the record shows a guardrail (a Converse request's guardrailConfig, or the response's
--                     amazon-bedrock-guardrailAction of a guarded InvokeModel that answered)
--   input_tokens, output_tokens  as written (output_tokens NULL without an output; 0 for an embedding)
CREATE OR REPLACE TEMP TABLE gen_invocations_written (
    case_name        VARCHAR NOT NULL,
    arn              VARCHAR NOT NULL,
    account_id       VARCHAR NOT NULL,
    region           VARCHAR NOT NULL,
    model_id         VARCHAR NOT NULL,
    operation        VARCHAR NOT NULL,
    source_ip        VARCHAR NOT NULL,
    event_time       TIMESTAMP NOT NULL,
    invocation_time  TIMESTAMP NOT NULL,
    succeeded        BOOLEAN NOT NULL,
    error_code       VARCHAR,
    guardrail_shown  BOOLEAN NOT NULL,
    input_tokens     BIGINT NOT NULL,
    output_tokens    BIGINT
);

-- Words the texts are made of. The lists below are variables: a lambda reads a variable as a constant, where a list
-- literal in a macro would be built again for every word and a list column copied into every row.
SET VARIABLE gen_vocabulary = ['account', 'policy', 'server', 'invoice', 'garden', 'river', 'quarterly', 'report', 'customer', 'engine', 'network',
     'latency', 'budget', 'contract', 'shipment', 'warehouse', 'patient', 'dosage', 'schedule', 'meeting', 'review',
     'release', 'migration', 'database', 'backup', 'cluster', 'invoice', 'refund', 'travel', 'weather', 'forecast',
     'recipe', 'museum', 'history', 'battery', 'charger', 'printer', 'password', 'license', 'warranty', 'delivery',
     'kitchen', 'insurance', 'mortgage', 'salary', 'holiday', 'airport', 'luggage', 'hotel', 'concert', 'library',
     'novel', 'chapter', 'village', 'mountain', 'coffee', 'bakery', 'bicycle', 'tractor', 'harvest', 'orchard',
     'violin', 'galaxy', 'planet', 'telescope', 'vaccine', 'clinic', 'lawyer', 'verdict', 'statute', 'tenant',
     'landlord', 'pipeline', 'sensor', 'firmware', 'router', 'antenna', 'satellite', 'harbor', 'ferry', 'canal',
     'bridge', 'tunnel', 'railway', 'station', 'ticket', 'passport', 'visa', 'embassy', 'festival', 'parade', 'lantern',
     'candle', 'ceramic', 'pottery', 'sculpture', 'painting', 'canvas', 'marble', 'granite', 'quartz', 'silver',
     'copper', 'nickel', 'cotton', 'linen', 'velvet', 'leather', 'saddle', 'stable', 'meadow', 'forest', 'glacier',
     'volcano', 'desert', 'oasis', 'lagoon', 'reef', 'whale', 'dolphin', 'falcon', 'sparrow', 'beetle', 'spider',
     'quickly', 'slowly', 'carefully', 'rarely', 'often', 'never', 'always', 'briefly', 'openly', 'quietly',
     'explain', 'compare', 'describe', 'estimate', 'improve', 'reduce', 'measure', 'approve', 'reject', 'renew',
     'cancel', 'transfer', 'upgrade', 'install', 'configure', 'monitor', 'archive', 'restore', 'encrypt', 'rotate',
     'green', 'ancient', 'modern', 'fragile', 'heavy', 'bright', 'silent', 'urgent', 'annual', 'monthly', 'weekly',
     'regional', 'global', 'local', 'private', 'public', 'shared', 'hidden', 'broken', 'missing', 'overdue'];

-- n words of the vocabulary, each a hash of h and its position.
CREATE OR REPLACE TEMP MACRO gen_words(h, n) AS array_to_string(list_transform(range(n::BIGINT), i ->
    getvariable('gen_vocabulary')[(hash(h, i) % len(getvariable('gen_vocabulary'))::UBIGINT)::BIGINT + 1]), ' ');

CREATE OR REPLACE TEMP MACRO gen_first_name(h) AS
    ['Maria', 'James', 'Aiko', 'Omar', 'Lena', 'Pedro', 'Chloe', 'Ivan', 'Fatima', 'Noah', 'Sofia', 'Kwame', 'Ingrid',
     'Ravi', 'Elena', 'Tomas', 'Mei', 'Lucas', 'Amara', 'Jonas'][(h % 20)::BIGINT + 1];

CREATE OR REPLACE TEMP MACRO gen_last_name(h) AS
    ['Lopez', 'Smith', 'Tanaka', 'Haddad', 'Novak', 'Silva', 'Martin', 'Petrov', 'Khan', 'Berg', 'Rossi', 'Mensah',
     'Larsen', 'Iyer', 'Popescu', 'Dubois', 'Chen', 'Meyer', 'Okafor', 'Weber'][(h % 20)::BIGINT + 1];

CREATE OR REPLACE TEMP MACRO gen_city(h) AS
    ['Lyon', 'Austin', 'Osaka', 'Porto', 'Leeds', 'Gdansk', 'Accra', 'Bergen', 'Pune', 'Graz', 'Quito', 'Tartu'][(h % 12)::BIGINT + 1];

-- Longer texts are sentences of this list: 2,048 sentences of 6 to 16 words, each text a hash's choice of
-- them, which costs a hash per sentence rather than per word.
SET VARIABLE gen_sentences = (
    SELECT list(upper(s[1]) || s[2:] || '.' ORDER BY i)
    FROM (SELECT i, gen_words(hash(g.seed, 'sentence', i), 6 + i % 11) AS s FROM range(2048) r(i) CROSS JOIN gen_params g));

-- n sentences, each a hash of h and its position.
CREATE OR REPLACE TEMP MACRO gen_text(h, n) AS array_to_string(list_transform(range(n::BIGINT), i ->
    getvariable('gen_sentences')[(hash(h, i) % 2048)::BIGINT + 1]), ' ');

-- Embedding vectors are four of these 1,024 runs of 64 numbers, as JSON text.
SET VARIABLE gen_embedding_parts = (
    SELECT list(part ORDER BY i)
    FROM (SELECT i, array_to_string(list_transform(range(64), j -> round((gen_u(hash(g.seed, 'embedding', i, j)) - 0.5) * 0.2, 6)), ',') AS part
          FROM range(1024) r(i) CROSS JOIN gen_params g));
