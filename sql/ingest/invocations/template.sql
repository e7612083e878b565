-- The template of a normalized prompt (prompt_norm): e-mail addresses, UUIDs and hex ids of 8 or more digits, quoted
-- strings and numbers masked, so that prompts that differ only in such values share it.
regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(prompt_norm,
    '[a-z0-9._%+\-]+@[a-z0-9.\-]+\.[a-z]+', '<email>', 'g'),
    '\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b|\b[0-9a-f]{8,}\b', '<id>', 'g'),
    '"[^"]*"|(^|[^a-z0-9])''[^'']*''|“[^”]*”', '\1<str>', 'g'),
    '[0-9]+([.,][0-9]+)*', '<n>', 'g'),
    '\s+', ' ', 'g')
