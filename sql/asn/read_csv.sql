-- The rows of one CSV file into asn_stage_text as text, with their line numbers (first_line: the line of the first
-- row, 2 after a header): the columns are named in order; the path and compression are quoted literals.
-- Strict: a row with more or fewer fields, or an unterminated quote, fails the read with the line DuckDB names.
INSERT INTO asn_stage_text
SELECT $file_index, row_number() OVER () + {{first_line}} - 1, {{select}}
FROM read_csv({{path}}, header = {{header}}, delim = ',', quote = '"', escape = '"', auto_detect = false,
              strict_mode = true, null_padding = false, compression = {{compression}}, columns = {{columns}});
