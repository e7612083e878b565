using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Rules;

/// <summary>The rule's SQL as a script for the duckdb CLI: settings and the range of window ends as variables, the query.</summary>
public static partial class RuleScript
{
    public static string Render(RuleDefinition rule, RuleSettings settings, DateTimeOffset? from, DateTimeOffset? to)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"-- {rule.Name} ({rule.Id})");
        sb.AppendLine($"-- severity {rule.Severity}, risk score {rule.RiskScore}; {settings}");
        sb.AppendLine("-- Run in the duckdb CLI on a DuckDetect database: duckdb duckdetect.duckdb < rule.sql");
        sb.AppendLine("-- It lists the candidates (windows at or over the threshold) before suppression.");
        sb.AppendLine("SET TimeZone = 'UTC';");
        sb.AppendLine($"SET VARIABLE threshold = {settings.Threshold};");
        sb.AppendLine($"SET VARIABLE window_minutes = {settings.WindowMinutes};");
        sb.AppendLine($"SET VARIABLE interval_minutes = {settings.IntervalMinutes};");
        foreach (var (name, value) in settings.Extra)
        {
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"SET VARIABLE {name} = {value};"));
        }
        sb.AppendLine($"SET VARIABLE rule_id = {SqlText.Literal(rule.Id)};");
        var grid = $"to_minutes({settings.IntervalMinutes})";
        var origin = "TIMESTAMPTZ '1970-01-01 00:00:00+00'";
        var fromSql = from is { } f
            ? SqlText.TimestampLiteral(settings.Floor(f))
            : $"(SELECT time_bucket({grid}, min(event_time), {origin}) FROM cloudtrail_events)";
        var toSql = to is { } t ? SqlText.TimestampLiteral(settings.Floor(t)) : $"time_bucket({grid}, now(), {origin})";
        sb.AppendLine($"-- window ends E with {(from is null ? "the first event" : "FROM")} < E <= {(to is null ? "now" : "TO")}");
        sb.AppendLine($"SET VARIABLE first_end = {fromSql} + {grid};");
        sb.AppendLine($"SET VARIABLE last_end = {toSql};");
        var tally = rule.TallyMinutesFor(settings);
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"SET VARIABLE bucket_minutes = {tally};"));
        sb.AppendLine("SET VARIABLE events_from = getvariable('first_end') - to_minutes(getvariable('window_minutes'));");
        sb.AppendLine("SET VARIABLE events_to = getvariable('last_end');");
        sb.AppendLine();
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"-- The shared first stage: the inference calls per {tally}-minute bucket, read once for every rule."));
        var table = new Dictionary<string, string> { ["tally"] = RuleText.TallyTable(tally), ["minutes"] = tally.ToString(CultureInfo.InvariantCulture) };
        foreach (var stage in new[] { RuleText.Fill("detect/stages/tally_create.sql", table), Detection.TallyStages.AppendSql(tally) })
        {
            sb.Append(Variables(stage));
            sb.AppendLine(";");
        }
        sb.AppendLine();
        sb.Append(Variables(RuleText.Query(rule, settings)));
        sb.AppendLine(";");
        return sb.ToString();
    }

    /// <summary>$name parameters as the duckdb CLI's variables.</summary>
    private static string Variables(string sql) => Parameter().Replace(sql.TrimEnd(), m => $"getvariable('{m.Groups[1].Value}')");

    [GeneratedRegex(@"\$([a-z_]+)")]
    private static partial Regex Parameter();
}
