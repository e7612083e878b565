using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Enrichment;

/// <summary>The AS scripts of sql/asn/ with their fragments filled in.</summary>
internal static class AsnSql
{
    /// <summary>The numbers of the addresses of <paramref name="addresses"/> (a query with a column ip).</summary>
    public static string IpNumbers(string addresses) =>
        SqlText.Fill(SqlScripts.Get("asn/ip_numbers.sql"), new Dictionary<string, string> { ["addresses"] = addresses });

    /// <summary>The AS of each address of <paramref name="addresses"/>: (source_ip, source_asn, source_as_org).</summary>
    public static string Lookup(string addresses) =>
        SqlText.Fill(SqlScripts.Get("asn/lookup.sql"), new Dictionary<string, string>
        {
            ["ip_numbers"] = IpNumbers(addresses),
            ["bucket"] = Bucket("ip_number"),
        });

    /// <summary>The lookup bucket of the address number <paramref name="number"/> (an SQL expression).</summary>
    public static string Bucket(string number) =>
        SqlText.Fill(SqlScripts.Get("asn/bucket.sql"), new Dictionary<string, string> { ["n"] = "(" + number + ")" });

    /// <summary>A script that takes the lookup over <paramref name="addresses"/> as <c>{{lookup}}</c>.</summary>
    public static string WithLookup(string script, string addresses) =>
        SqlText.Fill(SqlScripts.Get(script), new Dictionary<string, string> { ["lookup"] = Lookup(SqlScripts.Get(addresses)) });

    /// <summary>A staging script of CSV rows (<c>{{ip_numbers}}</c> over the file's start and end texts, <c>{{asn_number}}</c>).</summary>
    public static string Stage(string script) =>
        SqlText.Fill(SqlScripts.Get(script), new Dictionary<string, string>
        {
            ["ip_numbers"] = IpNumbers(
                "SELECT start_text AS ip FROM asn_stage_text WHERE file_index = $file_index " +
                "UNION SELECT split_part(start_text, '/', 1) FROM asn_stage_text WHERE file_index = $file_index " +
                "UNION SELECT end_text FROM asn_stage_text WHERE file_index = $file_index"),
            ["asn_number"] = SqlScripts.Get("asn/asn_number.sql"),
        });

    public static string ReplaceRanges() =>
        SqlText.Fill(SqlScripts.Get("asn/replace_ranges.sql"), new Dictionary<string, string>
        {
            ["first_bucket"] = Bucket("greatest(r.range_start, f.family_start)"),
            ["last_bucket"] = Bucket("least(r.range_end, f.family_end)"),
        });
}
