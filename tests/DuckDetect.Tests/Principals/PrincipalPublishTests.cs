using Dapper;
using DuckDB.NET.Data;
using DuckDetect.Core.Publishing;
using DuckDetect.Core.Rules;
using static DuckDetect.Tests.Principals.PrincipalAlerts;

namespace DuckDetect.Tests.Principals;

/// <summary>The principal views in the analyst database: the tables, their names, and an update that equals a fresh file.</summary>
public sealed class PrincipalPublishTests : IDisposable
{
    private readonly PrincipalAlerts _a = new();

    private string Updated => Path.Combine(_a.Db.Folder, "updated.alerts.duckdb");

    private string Afresh => Path.Combine(_a.Db.Folder, "afresh.alerts.duckdb");

    [Fact]
    public void Publish_WritesEachViewAndItsTimeline_UnderTheDocumentedNames()
    {
        var probing = _a.Add(Probing, 0);
        var enumeration = _a.Add(Enumeration, 30);
        _a.Add(BaselineBreak, 0, principal: Bob);
        Publish(Updated);

        using var analyst = Open(Updated);
        var views = analyst.Query<(string UserArn, string Account, int Score, long Alerts, long Rules, string RuleNames)>(
            "SELECT user_arn, account_id, score, alerts, rules, array_to_string(rule_names, ' -> ') FROM principal_views ORDER BY score DESC").ToList();
        Assert.Equal([(Alice, Account, 86, 2L, 2L, $"{Probing.Name} -> {Enumeration.Name}"), (Bob, Account, 21, 1L, 1L, BaselineBreak.Name)], views);
        var steps = analyst.Query<(string AlertId, int Position, int RunningScore, bool Scored, string Triage)>(
            "SELECT alert_id, position, running_score, scored, triage_status FROM principal_view_alerts WHERE user_arn = $arn ORDER BY position",
            new { arn = Alice }).ToList();
        Assert.Equal([(probing, 1, 47, true, "open"), (enumeration, 2, 86, true, "open")], steps);
        // the documented columns, in this order
        Assert.Equal(
            "view_id,user_arn,account_id,score,lookback_minutes,scored_from,scored_until,position,alert_id,rule_id,rule_name,severity," +
            "risk_score,first_seen,active_until,shared,principals,triage_status,running_score,scored,weight,facts",
            string.Join(',', analyst.Query<string>("SELECT column_name FROM information_schema.columns WHERE table_name = 'principal_view_alerts' ORDER BY ordinal_position")));
        Assert.Equal(1440, analyst.ExecuteScalar<int>("SELECT DISTINCT lookback_minutes FROM principal_view_alerts"));
    }

    [Fact]
    public void Publish_UpdateAfterNewAlertsTriageAndAnotherLookback_EqualsAFreshFile()
    {
        _a.Add(Probing, 0);
        var bobs = _a.Add(BaselineBreak, 0, principal: Bob);
        _a.Add(Probing, 5, principal: "arn:aws:iam::111122223333:user/carol");
        Publish(Updated);

        // alice gets another step, bob's alert is closed; carol's view is unchanged and kept
        _a.Add(Enumeration, 60);
        _a.Triage(bobs, "closed");
        var update = Publish(Updated);
        Assert.Equal("update", update.Mode);
        Assert.Contains("principals", update.Parts);
        Publish(Afresh, allowUpdate: false);
        AssertSameViews(Updated, Afresh);
        using (var analyst = Open(Updated))
        {
            Assert.Equal(0, analyst.ExecuteScalar<int>("SELECT score FROM principal_views WHERE user_arn = $arn", new { arn = Bob }));
            Assert.Equal(86, analyst.ExecuteScalar<int>("SELECT score FROM principal_views WHERE user_arn = $arn", new { arn = Alice }));
        }

        // another lookback: every view is computed again
        _a.Add(BaselineBreak, 200);
        Assert.Equal("update", Publish(Updated, lookbackMinutes: 90).Mode);
        Publish(Afresh, lookbackMinutes: 90, allowUpdate: false);
        AssertSameViews(Updated, Afresh);
        using var file = Open(Updated);
        Assert.Equal(90, file.ExecuteScalar<int>("SELECT DISTINCT lookback_minutes FROM principal_view_alerts"));
        Assert.Equal(2L, file.ExecuteScalar<long>("SELECT count(*) FROM principal_views WHERE user_arn = $arn", new { arn = Alice }));
    }

    private PublishSummary Publish(string path, int lookbackMinutes = 1440, bool allowUpdate = true)
    {
        using var session = _a.Db.Open();
        return AnalystDatabase.Publish(session, new PublishTarget(path, 7, lookbackMinutes), DateTimeOffset.UtcNow, allowUpdate);
    }

    private static DuckDBConnection Open(string path)
    {
        var connection = new DuckDBConnection($"Data Source={path};ACCESS_MODE=READ_ONLY");
        connection.Open();
        return connection;
    }

    private static void AssertSameViews(string a, string b)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        connection.Execute($"ATTACH '{a}' AS a (READ_ONLY); ATTACH '{b}' AS b (READ_ONLY)");
        foreach (var table in new[] { "principal_view_alerts", "principal_views" })
        {
            var rows = connection.ExecuteScalar<long>($"SELECT count(*) FROM a.{table}");
            Assert.True(rows > 0, table);
            var differ = connection.ExecuteScalar<long>(
                $"SELECT (SELECT count(*) FROM (FROM a.{table} EXCEPT ALL FROM b.{table})) + (SELECT count(*) FROM (FROM b.{table} EXCEPT ALL FROM a.{table}))");
            Assert.True(differ == 0, $"{table}: {differ} row(s) differ of {rows}");
        }
    }

    public void Dispose() => _a.Dispose();
}
