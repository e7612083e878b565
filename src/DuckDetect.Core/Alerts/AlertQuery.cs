using System.Text.Json.Nodes;
using Dapper;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Alerts;

/// <summary>Reads alerts in their output shape (one JSON object per alert, the public field names).</summary>
[DapperAot]
public static class AlertQuery
{
    /// <summary>Alerts whose window ends in [since, until]; with <paramref name="runTime"/>, those a run created or updated.</summary>
    public static IReadOnlyList<JsonObject> Read(DuckDbSession session, DateTimeOffset? since = null, DateTimeOffset? until = null,
        DateTime? runTime = null, string? ruleId = null, string? status = null) =>
        session.Connection.Query<string>(WithAlertJson("output/alert_rows.sql"), new
            {
                since = since?.UtcDateTime,
                until = until?.UtcDateTime,
                run_time = runTime,
                rule_id = ruleId,
                status,
            })
            .Select(json => JsonNode.Parse(json)!.AsObject())
            .ToList();

    /// <summary>
    /// An output query with the alert's JSON object (<c>output/alert_json.sql</c>) in place of <c>{{alert_json}}</c>
    /// and the current triage (<c>triage/current.sql</c>) in place of <c>{{triage}}</c>.
    /// </summary>
    public static string WithAlertJson(string script, string? changes = null)
    {
        var fragments = new Dictionary<string, string>
        {
            ["alert_json"] = SqlScripts.Get("output/alert_json.sql"),
            ["triage"] = SqlScripts.Get("triage/current.sql"),
        };
        if (changes is not null)
        {
            // delivery/pending.sql: which changes it reads (a fragment of sql/, never a value).
            fragments["changes"] = SqlScripts.Get(changes);
        }
        return SqlText.Fill(SqlScripts.Get(script), fragments);
    }
}
