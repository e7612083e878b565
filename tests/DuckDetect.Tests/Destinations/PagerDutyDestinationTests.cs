using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Destinations;

/// <summary>The PagerDuty destination against an Events API v2 endpoint that keeps alerts by dedup_key.</summary>
public sealed class PagerDutyDestinationTests : IDisposable
{
    private const string RoutingKey = "R0UT1NGKEY0123456789abcdefABCDEF";

    private readonly DestinationScenario _s = new();
    private readonly PagerDutyReceiver _pd = new(RoutingKey);

    public PagerDutyDestinationTests()
    {
        _s.Environment["PD_ROUTING_KEY"] = RoutingKey;
        Assert.Equal(0, _s.Add("oncall", "--type", "pagerduty", "--url", _pd.Server.Url + "/v2/enqueue", "--routing-key-env", "PD_ROUTING_KEY").ExitCode);
    }

    [Fact]
    public void PagerDuty_TriggerThenUpdateFoldedIntoIt_ThenResolveOnRetraction()
    {
        _s.Create();
        Assert.Equal(0, _s.Run().ExitCode);
        _s.Update();
        Assert.Equal(0, _s.Run().ExitCode);
        _s.Retract();
        var last = _s.Run();

        Assert.True(last.ExitCode == 0, last.ToString());
        var id = _s.AlertId;
        var first = _pd.Events.Take(3).ToList();
        Assert.Equal(["trigger", "trigger", "resolve"], first.Select(e => (string?)e["event_action"]));
        Assert.All(first, e => Assert.Equal(id, (string?)e["dedup_key"]));
        Assert.Equal("warning", (string?)first[0]["payload"]!["severity"]);
        Assert.Contains(DetectionFixture.Arn, (string?)first[0]["payload"]!["summary"], StringComparison.Ordinal);
        Assert.Equal([1, 2], first.Take(2).Select(e => (int?)e["payload"]!["custom_details"]!["revision"]));
        Assert.Equal(700, (int?)first[1]["payload"]!["custom_details"]!["inference_call_count"]);
        Assert.Equal($"duckdetect explain {id}", (string?)first[0]["payload"]!["custom_details"]!["explain"]);
        Assert.Equal("resolved", _pd.Alerts[id]);
        var open = _s.Db.Query<string>("SELECT alert_id FROM alerts ORDER BY 1");
        Assert.Equal(open, _pd.Alerts.Where(a => a.Value == "triggered").Select(a => a.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DestinationsTest_TriggersASampleAndResolvesIt()
    {
        var test = _s.Cli("destinations", "test", "oncall", "--db", _s.Db.Path);

        Assert.True(test.ExitCode == 0, test.ToString());
        Assert.StartsWith("oncall (pagerduty, " + _pd.Server.Url + "/v2/enqueue): accepted in ", test.Stdout, StringComparison.Ordinal);
        Assert.Contains("HTTP 202", test.Stdout, StringComparison.Ordinal);
        Assert.Equal(["trigger", "resolve"], _pd.Events.Select(e => (string?)e["event_action"]));
        Assert.Equal("resolved", Assert.Single(_pd.Alerts).Value);
        Assert.Equal(0L, _s.Db.Scalar<long>("SELECT count(*) FROM destination_runs"));
    }

    public void Dispose()
    {
        _pd.Dispose();
        _s.Dispose();
    }
}
