-- The near-duplicate signature of a normalized prompt: MinHash over its word 3-shingles, 32 values. Each shingle is
-- hashed once (shingle_hashes, stage.sql: the low 32 bits of its MD5 modulo the prime 4294967291), and each
-- of 32 fixed hash functions h -> (a*h + b) mod 4294967291 keeps its least value over the shingles. The fraction of equal positions of two signatures estimates the Jaccard similarity of their shingle
-- sets (standard error about 0.09 at 32 values). The constants are fixed: signatures stay comparable over time.
CASE WHEN len(shingle_hashes) > 0 THEN
list_transform([
    {a: 2354153410, b: 326915759}, {a: 1485336378, b: 2570671550},
    {a: 3628607790, b: 2601631500}, {a: 1239516576, b: 372510831},
    {a: 2191915188, b: 3982553956}, {a: 1476671079, b: 1687559169},
    {a: 1784532856, b: 80110402}, {a: 4182691689, b: 138916703},
    {a: 445528481, b: 3639642567}, {a: 1909986071, b: 2801164907},
    {a: 965541137, b: 3449177548}, {a: 1501376965, b: 367308766},
    {a: 4289556108, b: 2138421216}, {a: 1414328276, b: 3940436037},
    {a: 2610385721, b: 2329024370}, {a: 1802240719, b: 3590936446},
    {a: 3137274402, b: 856166158}, {a: 1920741664, b: 4196561524},
    {a: 732016145, b: 942519958}, {a: 1863640803, b: 3367820280},
    {a: 1752604882, b: 2895983287}, {a: 3404696099, b: 2936837299},
    {a: 2416376298, b: 2248411280}, {a: 843537087, b: 2334873865},
    {a: 2894143152, b: 1814325533}, {a: 1281512641, b: 1195182776},
    {a: 2198554285, b: 3223319336}, {a: 944275426, b: 3516505841},
    {a: 1764177111, b: 4117268027}, {a: 3376330213, b: 2029357241},
    {a: 2214931094, b: 617099617}, {a: 3231202158, b: 1318923351}
], lambda f: list_min(list_transform(shingle_hashes, lambda h: ((f.a::UBIGINT * h + f.b::UBIGINT) % 4294967291)::UINTEGER)))
END
