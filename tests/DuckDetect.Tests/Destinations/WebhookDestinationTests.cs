using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Destinations;

/// <summary>The webhook destination against a receiver that verifies its signature, as docs/siem.md describes one.</summary>
public sealed class WebhookDestinationTests : IDisposable
{
    private const string Key = "whsec-test-4f1c9a";

    private readonly DestinationScenario _s = new();
    private readonly WebhookReceiver _receiver = new(Key);

    public WebhookDestinationTests()
    {
        _s.Environment["HOOK_KEY"] = Key;
    }

    [Fact]
    public void Webhook_CreatedUpdatedRetracted_EachChangeOnceSignedWithItsRevision()
    {
        Assert.Equal(0, _s.Add("hook", "--type", "webhook", "--url", _receiver.Server.Url + "/duckdetect", "--signing-key-env", "HOOK_KEY").ExitCode);

        _s.Create();
        var first = _s.Run();
        _s.Update();
        var second = _s.Run();
        _s.Retract();
        var third = _s.Run();

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.True(third.ExitCode == 0, third.ToString());
        Assert.Equal(0, _receiver.Refused);
        var records = _receiver.Records;
        Assert.Equal(["created", "updated", "retracted"], records.Take(3).Select(r => (string?)r["change"]));
        var id = _s.AlertId;
        Assert.Equal([id, id, id], records.Take(3).Select(r => (string?)r["alert_id"]));
        Assert.Equal([1, 2, 3], records.Take(3).Select(r => (int?)r["alert_version"]));
        Assert.Equal(700, (int?)records[1]["inference_call_count"]);
        Assert.Contains("late data re-evaluation", (string?)records[2]["retraction_reason"], StringComparison.Ordinal);
        Assert.All(records.Skip(3), r => Assert.Equal("created", (string?)r["change"]));
        Assert.NotEmpty(records.Skip(3));
        // Every change reached it exactly once.
        Assert.Equal(_s.Db.Query<string>("SELECT alert_id || '/' || version FROM alert_changes ORDER BY 1"),
            records.Select(r => (string)r["delivery_key"]!).Order(StringComparer.Ordinal));
        // Each request says what it carries in its headers: the delivery key and the change.
        Assert.All(_receiver.Server.Handled.Zip(records), p =>
        {
            Assert.Equal((string?)p.Second["delivery_key"], p.First.Header("X-DuckDetect-Delivery"));
            Assert.Equal((string?)p.Second["change"], p.First.Header("X-DuckDetect-Event"));
            Assert.Equal("POST", p.First.Method);
            Assert.Equal("/duckdetect", p.First.Path);
        });
        Assert.Equal(_s.Db.Scalar<long>("SELECT max(change_seq) FROM alert_changes"), _s.Cursor("hook"));
        Assert.Contains($"destinations: hook (webhook): {records.Count - 2} record(s) sent", third.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Signature_ATamperedBodyOrAnOldTimestamp_FailsTheReceiversCheck()
    {
        var now = DateTimeOffset.UtcNow;
        var header = Core.Destinations.Receivers.WebhookSignature.Sign(Key, now, "{\"a\":1}");

        Assert.True(WebhookReceiver.Verify(header, "{\"a\":1}", Key, now));
        Assert.False(WebhookReceiver.Verify(header, "{\"a\":2}", Key, now));
        Assert.False(WebhookReceiver.Verify(header, "{\"a\":1}", "another key", now));
        Assert.False(WebhookReceiver.Verify(header, "{\"a\":1}", Key, now.AddMinutes(6)));
    }

    public void Dispose()
    {
        _receiver.Dispose();
        _s.Dispose();
    }
}
