-- The staged record's (alias s) last user turn and response text, redacted: every match of the credential patterns
-- becomes [REDACTED], and a PEM private key from its BEGIN line to its END line (or to the end of the text).
regexp_replace(regexp_replace(s.prompt_text, {{private_key}}, '[REDACTED]', 'g'), {{credential_pattern}}, '[REDACTED]', 'g'),
regexp_replace(regexp_replace(s.output_text, {{private_key}}, '[REDACTED]', 'g'), {{credential_pattern}}, '[REDACTED]', 'g')
