-- Deterministic pseudo-randomness: every random choice is a hash() of the seed, the row's coordinates and a salt.

-- A uniform number in [0, 1) from a 64-bit hash.
CREATE OR REPLACE TEMP MACRO gen_u(h) AS ((h >> 11)::DOUBLE / 9007199254740992.0);

-- A version 4 UUID (lower case) from two 64-bit hashes.
CREATE OR REPLACE TEMP MACRO gen_uuid(h1, h2) AS
    printf('%08x-%04x-4%03x-%04x-%012x', h1 >> 32, (h1 >> 16) & 65535, h1 & 4095, 32768 | (h2 >> 50), h2 & 281474976710655);

-- n characters (n <= 16) of alphabet, 8 bits of h1 then of h2 for each.
CREATE OR REPLACE TEMP MACRO gen_chars(h1, h2, alphabet, n) AS
    array_to_string(list_transform(range(n), i ->
        substr(alphabet, ((((CASE WHEN i < 8 THEN h1 ELSE h2 END)::UBIGINT >> ((i % 8) * 8)) & 255) % length(alphabet)::UBIGINT)::BIGINT + 1, 1)), '');

-- Lower-case hex digits of a hash, for resource ids (i-..., sg-..., vpc-...).
CREATE OR REPLACE TEMP MACRO gen_hex(h, n) AS right(lpad(lower(to_hex(h)), 16, '0'), n);

-- CloudTrail's eventTime text.
CREATE OR REPLACE TEMP MACRO gen_iso(ts) AS strftime(ts, '%Y-%m-%dT%H:%M:%SZ');

-- The delivery file that 5-minute file file_no belongs to when a file holds file_minutes of one account and region:
-- the first 5-minute file_no of its interval (file_no itself at 5 minutes).
CREATE OR REPLACE TEMP MACRO gen_delivery_no(file_no, file_minutes) AS
    (file_no // 9 // (file_minutes // 5)) * (file_minutes // 5) * 9 + file_no % 9;

-- The ends of the hopping windows (window_minutes wide, every interval_minutes, ends on multiples of the interval since
-- the Unix epoch) that contain a tally bucket starting at b: time_bucket(interval, b) + k * interval,
-- k = 1 .. window / interval (every window and interval of the rules is a multiple of the bucket).
CREATE OR REPLACE TEMP MACRO gen_window_ends(b, interval_minutes, window_minutes) AS
    list_transform(range(1, window_minutes // interval_minutes + 1),
        k -> time_bucket(to_minutes(interval_minutes), b, TIMESTAMP '1970-01-01') + to_minutes(interval_minutes * k));
