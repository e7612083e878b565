-- A PEM private key, from its BEGIN line to its END line (or to the end of the text when cut short).
'(?s)-----BEGIN [A-Z ]*PRIVATE KEY-----.*?(-----END [A-Z ]*PRIVATE KEY-----|$)'
