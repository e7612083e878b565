using System.Diagnostics;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Destinations;

/// <summary>
/// At least once, never blocking: rate limits and server errors are retried within the run's budget, a receiver too
/// slow or down fails its destination only (detection, publishing and the other destinations go on, run exits 79),
/// and a crash between the receiver's acceptance and the cursor's move sends the same records again.
/// </summary>
public sealed class DeliveryFailureTests : IDisposable
{
    private const string Key = "whsec-failures-9d2e";

    private readonly DestinationScenario _s = new();
    private readonly WebhookReceiver _hook = new(Key);

    public DeliveryFailureTests()
    {
        _s.Environment["HOOK_KEY"] = Key;
    }

    private CliResult AddHook(string name, WebhookReceiver receiver, params string[] extra) =>
        _s.Add(name, ["--type", "webhook", "--url", receiver.Server.Url + "/in", "--signing-key-env", "HOOK_KEY", .. extra]);

    [Fact]
    public void Run_TooManyRequestsWithRetryAfter_WaitsAsAskedThenDelivers()
    {
        Assert.Equal(0, AddHook("hook", _hook).ExitCode);
        _s.Create();
        _hook.Server.Then(ReceiverReply.TooManyRequests(2));

        var run = _s.Run();

        Assert.True(run.ExitCode == 0, run.ToString());
        var requests = _hook.Server.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(1.9), $"retried after {(requests[1].At - requests[0].At).TotalSeconds} s");
        Assert.Equal(requests[0].Header("X-DuckDetect-Delivery"), requests[1].Header("X-DuckDetect-Delivery"));
        Assert.Single(_hook.Records);
        Assert.Contains("1 retry", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(1L, _s.Db.Scalar<long>("SELECT retries FROM destination_runs"));
    }

    [Fact]
    public void Run_ServerErrorThenSuccess_RetriesAndDelivers()
    {
        Assert.Equal(0, AddHook("hook", _hook).ExitCode);
        _s.Create();
        _hook.Server.Then(ReceiverReply.ServerError);

        var run = _s.Run();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(2, _hook.Server.Requests.Count);
        Assert.Single(_hook.Records);
        Assert.Equal(_s.Db.Scalar<long>("SELECT max(change_seq) FROM alert_changes"), _s.Cursor("hook"));
    }

    [Fact]
    public void Run_AReceiverTooSlow_FailsOnlyItsDestination_AndTheNextRunSendsTheSameRecord()
    {
        using var fast = new WebhookReceiver(Key);
        Assert.Equal(0, AddHook("slow", _hook, "--timeout", "1", "--retry-seconds", "2").ExitCode);
        Assert.Equal(0, AddHook("fast", fast).ExitCode);
        var accept = _hook.Server.Respond;
        _hook.Server.Respond = _ => ReceiverReply.Late(TimeSpan.FromSeconds(5));
        _s.Create();

        var clock = Stopwatch.StartNew();
        var run = _s.Run();
        var took = clock.Elapsed;

        Assert.True(run.ExitCode == 79, run.ToString());
        Assert.Contains("slow (webhook)", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("no reply within --timeout 1 s", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("1 record(s) wait for the next run", run.Stderr, StringComparison.Ordinal);
        Assert.True(took < TimeSpan.FromSeconds(30), $"run took {took.TotalSeconds} s");
        // Detection and publishing happened; the other destination got its record.
        Assert.Equal(1L, _s.Db.Scalar<long>("SELECT count(*) FROM alerts"));
        Assert.True(File.Exists(Path.Combine(_s.Db.Folder, "test.alerts.duckdb")));
        Assert.Single(fast.Records);
        Assert.Empty(_hook.Records);
        Assert.Equal(0L, _s.Cursor("slow"));
        Assert.StartsWith("no reply within", _s.Db.Scalar<string>("SELECT last_error FROM destination_state WHERE destination = 'slow'"), StringComparison.Ordinal);
        Assert.Equal("failed", _s.Db.Scalar<string>("SELECT outcome FROM destination_runs WHERE destination = 'slow'"));

        _hook.Server.Respond = accept;
        var next = _s.Run();

        Assert.True(next.ExitCode == 0, next.ToString());
        // At least once: with --timeout 1 on a loaded machine the receiver may accept a send the sender already gave
        // up on, and the retry then delivers the same key again. A receiver keys records by delivery_key.
        Assert.Equal((string?)fast.Records[0]["delivery_key"], Assert.Single(_hook.Records.Select(r => (string?)r["delivery_key"]).Distinct()));
        Assert.Single(fast.Records);
        Assert.Null(_s.Db.Scalar<DateTime?>("SELECT failing_since FROM destination_state WHERE destination = 'slow'"));
    }

    [Fact]
    public void Run_KilledAfterTheReceiverAcceptedBeforeTheCursorMoved_NextRunSendsTheSameKeyAgain()
    {
        Assert.Equal(0, AddHook("hook", _hook).ExitCode);
        _s.Create();
        using (var process = Support.Cli.Start(["run", _s.Db.InputFolder, "--db", _s.Db.Path, "--to", "2026-03-02T06:00:00Z", .. SeedRule.Only],
                   new Dictionary<string, string>(_s.Environment) { ["DUCKDETECT_TEST_HOLD"] = "after-destination-send" }))
        {
            ProbingInput.WaitForStderr(process, "holding at after-destination-send", TimeSpan.FromMinutes(2));
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        var sent = (string?)Assert.Single(_hook.Records)["delivery_key"];
        Assert.Equal(0L, _s.Cursor("hook"));

        var next = _s.Run();

        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.Equal([sent, sent], _hook.Records.Select(r => (string?)r["delivery_key"]));
        Assert.Equal(_s.Db.Scalar<long>("SELECT max(change_seq) FROM alert_changes"), _s.Cursor("hook"));
    }

    [Fact]
    public void Run_ARejectedRecord_IsNotRetriedAndWaits()
    {
        Assert.Equal(0, AddHook("hook", _hook).ExitCode);
        _s.Create();
        _hook.Server.Then(new ReceiverReply(400, "{\"error\":\"schema mismatch\"}"));

        var run = _s.Run();

        Assert.True(run.ExitCode == 79, run.ToString());
        Assert.Single(_hook.Server.Requests);
        Assert.Contains("the receiver refused the request: HTTP 400: {\"error\":\"schema mismatch\"}", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(0L, _s.Cursor("hook"));
    }

    [Fact]
    public void AlertsDestination_DeliversOnDemand_EvenWhenDisabled()
    {
        Assert.Equal(0, AddHook("hook", _hook, "--disabled").ExitCode);
        _s.Create();
        Assert.Equal(0, _s.Run().ExitCode);
        Assert.Empty(_hook.Server.Requests);

        var alerts = _s.Cli("alerts", "--db", _s.Db.Path, "--destination", "hook");

        Assert.True(alerts.ExitCode == 0, alerts.ToString());
        Assert.Equal("", alerts.Stdout);
        Assert.Equal("created", (string?)Assert.Single(_hook.Records)["change"]);
        Assert.Equal(64, _s.Cli("alerts", "--db", _s.Db.Path, "--destination", "hook", "--format", "json").ExitCode);
        Assert.Equal(64, _s.Cli("alerts", "--db", _s.Db.Path, "--destination", "nosuch").ExitCode);
    }

    public void Dispose()
    {
        _hook.Dispose();
        _s.Dispose();
    }
}
