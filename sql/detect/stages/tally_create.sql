-- A tally of the threshold rules' shared first stage (Many rules, one pass): the inference calls per bucket of
-- {{minutes}} minutes and (principal, account, model, source IP), with the analyst context of each bucket. Created
-- empty; tally_append.sql fills it slice by slice, tally_rollup.sql fills a coarser one from the finest.
CREATE OR REPLACE TEMP TABLE {{tally}} (
    bucket_start    TIMESTAMPTZ NOT NULL,
    user_arn        VARCHAR,
    account_id      VARCHAR,
    model_id        VARCHAR NOT NULL,
    source_ip       VARCHAR,
    calls           BIGINT NOT NULL,
    event_actions   VARCHAR[] NOT NULL,
    user_agents     VARCHAR[] NOT NULL,
    identity_types  VARCHAR[] NOT NULL,
    access_key_ids  VARCHAR[] NOT NULL,
    regions         VARCHAR[] NOT NULL,
    source_as_orgs  VARCHAR[] NOT NULL,
    source_asns     BIGINT[] NOT NULL,
    first_seen      TIMESTAMPTZ NOT NULL,
    last_seen       TIMESTAMPTZ NOT NULL
)
