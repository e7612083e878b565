-- Exception matching, as temporary macros on the connection (detect and what-if create them before they apply
-- exceptions). A candidate is excepted by an active exception of its rule whose window condition holds and whose
-- field's every value matches: for the list fields (source IPs, user agents, access keys, identity types) one
-- known value among unknown ones must not hide the rest. A field with no value (an empty list, a null account)
-- never matches.

-- An IPv4 address as its 32 bits ('0'/'1' text), NULL when the text is not one.
CREATE OR REPLACE TEMP MACRO dd_ipv4_bits(ip) AS
    CASE WHEN regexp_full_match(ip, '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}')
         THEN array_to_string(list_transform(string_split(ip, '.'), o -> lpad(bin(o::INTEGER), 8, '0')), '')
    END;

-- An IPv6 address's eight groups, '::' expanded (NULL when it has more than one '::').
CREATE OR REPLACE TEMP MACRO dd_ipv6_groups(ip) AS
    CASE WHEN len(string_split(ip, '::')) = 1 THEN string_split(ip, ':')
         WHEN len(string_split(ip, '::')) = 2 THEN
             list_filter(string_split(string_split(ip, '::')[1], ':'), g -> g <> '')
             || list_transform(range(8 - len(list_filter(string_split(ip, ':'), g -> g <> ''))), x -> '0')
             || list_filter(string_split(string_split(ip, '::')[2], ':'), g -> g <> '')
    END;

-- An address as its family ('4' or '6') then its bits: what a CIDR's prefix (stored the same way by
-- `exceptions add`) starts. IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) count as IPv4. NULL when not an address
-- (CloudTrail logs AWS services' calls with a host name as the source).
CREATE OR REPLACE TEMP MACRO dd_ip_bits(ip) AS
    CASE WHEN dd_ipv4_bits(ip) IS NOT NULL THEN '4' || dd_ipv4_bits(ip)
         WHEN regexp_full_match(lower(ip), '::ffff:[0-9.]+') AND dd_ipv4_bits(ip[8:]) IS NOT NULL THEN '4' || dd_ipv4_bits(ip[8:])
         WHEN regexp_full_match(ip, '[0-9A-Fa-f:]+') AND len(dd_ipv6_groups(ip)) = 8
              AND list_bool_and(list_transform(dd_ipv6_groups(ip), g -> regexp_full_match(g, '[0-9A-Fa-f]{1,4}')))
         THEN '6' || array_to_string(list_transform(dd_ipv6_groups(ip), g -> lpad(bin(('0x' || g)::INTEGER), 16, '0')), '')
    END;

-- Whether every one of a field's values matches an exception (operator, and the values as `exceptions add`
-- stored them for matching: globs as given, CIDRs as their family and prefix bits).
CREATE OR REPLACE TEMP MACRO dd_all_match(field_values, operator, match_values) AS
    coalesce(len(field_values) > 0 AND list_bool_and(list_transform(
        -- for in-cidr, each value as its address bits first (a macro with lambdas cannot sit in a nested lambda)
        CASE WHEN operator = 'in-cidr' THEN list_transform(field_values, v -> dd_ip_bits(v)) ELSE field_values END,
        v -> v IS NOT NULL AND CASE operator
            WHEN 'is' THEN list_contains(match_values, v)
            WHEN 'is-not' THEN NOT list_contains(match_values, v)
            WHEN 'matches' THEN list_bool_or(list_transform(match_values, p -> v GLOB p))
            WHEN 'in-cidr' THEN list_bool_or(list_transform(match_values, p -> starts_with(v, p)))
            ELSE false
        END)), false);

-- The values of a candidate's field that an exception names (the exception fields `exceptions add` accepts). The
-- principals are a list: one for most rules, every principal of a credential-distributed candidate.
CREATE OR REPLACE TEMP MACRO dd_field_values(field, user_arns, account_id, model_id, user_agents, source_ips,
                                             access_key_ids, identity_types) AS
    CASE field
        WHEN 'user_arn' THEN user_arns
        WHEN 'account_id' THEN [account_id]
        WHEN 'model_id' THEN [model_id]
        WHEN 'user_agent' THEN user_agents
        WHEN 'source_ip' THEN source_ips
        WHEN 'access_key_id' THEN access_key_ids
        WHEN 'identity_type' THEN identity_types
    END;
