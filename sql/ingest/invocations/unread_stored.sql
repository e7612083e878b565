-- The condition of a staged record (alias s) of --retry-bodies: a stored invocation whose body delivered separately is not read.
s.separate_body_read = false
