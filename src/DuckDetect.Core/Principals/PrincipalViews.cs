using System.Data;
using System.Text.Json.Nodes;
using Dapper;
using DuckDB.NET.Data;
using DuckDetect.Core.Storage;
using DuckDetect.Core.Triage;

namespace DuckDetect.Core.Principals;

/// <summary>
/// One view per principal (docs/alerts.md): per principal and account, its alerts of every rule grouped into
/// views (a view breaks after a whole lookback without an alert), an ordered timeline, and one combined score. Computed
/// in DuckDB from the alerts and their triage, set-based, into the temporary table <c>principal_timeline</c>
/// (<c>principals/timeline.sql</c>), which the analyst database publishes and the commands read.
/// </summary>
[DapperAot]
public static class PrincipalViews
{
    /// <summary>The timeline of every principal's views, of the alerts whose window ends in [since, until].</summary>
    public static void BuildAll(DuckDBConnection connection, int lookbackMinutes, DateTimeOffset? since = null, DateTimeOffset? until = null) =>
        Build(connection, lookbackMinutes, scoped: false, since, until, null);

    /// <summary>The timeline of the views of the principals of one alert (every alert of theirs).</summary>
    public static void BuildForAlert(DuckDBConnection connection, string alertId, int lookbackMinutes)
    {
        connection.Execute(SqlScripts.Get("principals/scope_alert.sql"), new { alert_id = alertId });
        Build(connection, lookbackMinutes, scoped: true, null, null, null);
    }

    /// <summary>
    /// For a publish that updates a copy of the last analyst database (attached as <c>published</c>): the timeline of
    /// the principals whose views the copy has out of date (<c>principals/scope_changed.sql</c>), or of all of them
    /// when <paramref name="scoped"/> is false.
    /// </summary>
    public static void BuildForPublish(DuckDBConnection connection, int lookbackMinutes, bool scoped, IDbTransaction? transaction = null)
    {
        if (scoped)
        {
            connection.Execute(SqlScripts.Get("principals/scope_changed.sql"), transaction: transaction);
        }
        Build(connection, lookbackMinutes, scoped, null, null, transaction);
    }

    /// <summary>
    /// The views built last (highest score first), those scoring at least <paramref name="minScore"/>, the first
    /// <paramref name="limit"/> of them (all when null), each with its timeline: <c>{total, views}</c>.
    /// </summary>
    public static JsonObject List(DuckDBConnection connection, int minScore = 0, int? limit = null) =>
        JsonNode.Parse(connection.ExecuteScalar<string>(WithViews("principals/list.sql", "principal_timeline"),
            new { min_score = minScore, limit })!)!.AsObject();

    /// <summary>
    /// An alert's companions (after <see cref="BuildForAlert"/>): per principal of the alert, its view and the view's
    /// other alerts within the lookback before or after it.
    /// </summary>
    public static JsonArray Companions(DuckDBConnection connection, string alertId, int lookbackMinutes) =>
        JsonNode.Parse(connection.ExecuteScalar<string>(WithViews("principals/companions.sql", "principal_timeline"),
            new { alert_id = alertId, lookback_minutes = lookbackMinutes })!)!.AsArray();

    /// <summary>
    /// <paramref name="script"/> with one row per view (<c>principals/views.sql</c> over <paramref name="timeline"/>) in
    /// place of <c>{{views}}</c>, and each alert's current triage in place of <c>{{triage}}</c>.
    /// </summary>
    public static string WithViews(string script, string timeline) =>
        SqlText.Fill(SqlScripts.Get(script), new Dictionary<string, string>
        {
            ["views"] = ViewsOver(timeline),
            ["principal_views"] = ViewsOver(timeline),
            ["triage"] = SqlScripts.Get("triage/current.sql"),
        });

    /// <summary>One row per view over a timeline table (<c>principals/views.sql</c>).</summary>
    private static string ViewsOver(string timeline) =>
        SqlText.Fill(SqlScripts.Get("principals/views.sql"), new Dictionary<string, string> { ["timeline"] = timeline });

    private static void Build(DuckDBConnection connection, int lookbackMinutes, bool scoped, DateTimeOffset? since, DateTimeOffset? until,
        IDbTransaction? transaction) =>
        connection.Execute(TriageStore.WithCurrentTriage("principals/timeline.sql"), new
        {
            lookback_minutes = lookbackMinutes,
            scoped,
            since = since?.UtcDateTime,
            until = until?.UtcDateTime,
        }, transaction, commandTimeout: 0);
}
