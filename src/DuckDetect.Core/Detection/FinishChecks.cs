using System.Data;
using System.Globalization;
using Dapper;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Detection;

/// <summary>
/// Which rules' suppression, alerts and evidence have anything to do in a run (detect/finish_check.sql), asked for
/// every rule in one statement once the candidates are in: a scheduled run whose rules mostly raise nothing then
/// pays one query, not a dozen statements per rule.
/// </summary>
[DapperAot]
internal static class FinishChecks
{
    public static IReadOnlyDictionary<string, FinishCheck> Read(IDbConnection connection, IDbTransaction tx, IEnumerable<RuleRun> runs)
    {
        var parts = runs.Where(r => r.Spans.Count > 0).Select(Part).ToList();
        if (parts.Count == 0)
        {
            return new Dictionary<string, FinishCheck>();
        }
        return connection.Query<FinishCheck>(string.Join("\nUNION ALL\n", parts), transaction: tx, commandTimeout: 0)
            .ToDictionary(c => c.RuleId, StringComparer.Ordinal);
    }

    private static string Part(RuleRun run)
    {
        var keys = run.Rule.SuppressionKeys;
        return SqlText.Fill(SqlScripts.Get("detect/finish_check.sql"), new Dictionary<string, string>
        {
            ["rule_id"] = SqlText.Literal(run.Rule.Id),
            ["dirty_from"] = SqlText.TimestampLiteral(new DateTimeOffset(DateTime.SpecifyKind(run.Spans[0].FirstEnd, DateTimeKind.Utc))),
            ["duration_minutes"] = run.Settings.SuppressionMinutes.ToString(CultureInfo.InvariantCulture),
            ["margin_minutes"] = AlertEvidence.MarginMinutes.ToString(CultureInfo.InvariantCulture),
            ["window_minutes"] = run.Settings.WindowMinutes.ToString(CultureInfo.InvariantCulture),
            ["alert_key"] = keys.Json("a"),
            ["candidate_key"] = keys.Json("c"),
        });
    }
}
