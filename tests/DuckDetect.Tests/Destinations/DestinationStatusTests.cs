using System.Text.Json.Nodes;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Destinations;

/// <summary>status shows each destination's lag, last success and last error; status --max-lag covers destinations.</summary>
public sealed class DestinationStatusTests : IDisposable
{
    private const string Key = "whsec-status-77";

    private readonly DestinationScenario _s = new();
    private readonly WebhookReceiver _hook = new(Key);

    [Fact]
    public void Status_ShowsADestinationsLagAndLastError_AndMaxLagNamesItUntilItCatchesUp()
    {
        _s.Environment["HOOK_KEY"] = Key;
        Assert.Equal(0, _s.Add("hook", "--type", "webhook", "--url", _hook.Server.Url + "/in", "--signing-key-env", "HOOK_KEY", "--retry-seconds", "0").ExitCode);
        _s.Create();
        _hook.Server.Then(ReceiverReply.ServerError);
        Assert.Equal(79, _s.Run().ExitCode);
        // The change waits: make it two hours old.
        using (var session = _s.Db.Open())
        {
            Dapper.SqlMapper.Execute(session.Connection, "UPDATE alert_changes SET changed_at = now() - INTERVAL 2 HOUR");
        }

        var json = JsonNode.Parse(_s.Cli("status", "--db", _s.Db.Path, "--format", "json").Stdout)!;
        var table = _s.Cli("status", "--db", _s.Db.Path).Stdout;
        var lagging = _s.Cli("status", "--db", _s.Db.Path, "--max-lag", "60");
        var catchUp = _s.Run();
        var caughtUp = _s.Cli("status", "--db", _s.Db.Path, "--max-lag", "60");

        var destination = json["destinations"]![0]!;
        Assert.Equal(("hook", "webhook", 1L), ((string?)destination["destination"], (string?)destination["type"], (long?)destination["pending_changes"]));
        Assert.InRange((double)destination["lag_minutes"]!, 119, 121);
        Assert.StartsWith("the receiver replied HTTP 500", (string?)destination["last_error"], StringComparison.Ordinal);
        Assert.Null((string?)destination["last_success_at"]);
        Assert.NotNull((string?)destination["failing_since"]);
        Assert.Contains("destination", table, StringComparison.Ordinal);
        Assert.Contains("the receiver replied HTTP 500", table, StringComparison.Ordinal);
        Assert.Equal(69, lagging.ExitCode);
        Assert.Matches(@"destination hook lags [^;]+ behind: the oldest alert change it has not accepted is that old \(1[12]\d(\.\d)? minutes; --max-lag 60\)", lagging.Stderr);
        Assert.Equal(0, catchUp.ExitCode);
        // The scenario's detection stopped at --to in March, so detection still lags; the destination no longer does.
        Assert.Equal(69, caughtUp.ExitCode);
        Assert.DoesNotContain("destination", caughtUp.Stderr, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _hook.Dispose();
        _s.Dispose();
    }
}
