-- Credentials in prompts and completions, as Elastic's rule finds them (credential_access_aws_bedrock_credentials_
-- in_model_prompt_or_completion): AWS access key ids, PEM private keys, Bedrock API keys, GitHub and GitLab tokens.
'(AKIA|ASIA)[A-Z0-9]{16}|-----BEGIN [A-Z ]*PRIVATE KEY-----|ABSK[A-Za-z0-9+/=]{20}|gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]+|glpat-[A-Za-z0-9_\-]+'
