using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Destinations;

/// <summary>The Slack destination against an incoming webhook that checks messages as Slack does.</summary>
public sealed class SlackDestinationTests : IDisposable
{
    private const string HookPath = "/services/T0DUCK/B0DUCK/q8Zr2xTokenOfTheHook";

    private readonly DestinationScenario _s = new();
    private readonly SlackReceiver _slack = new(HookPath);

    [Fact]
    public void Slack_CreatedAndRetracted_ReadableMessagesWithTheExplainCommand_UpdatesLeftOutByDefault()
    {
        _s.Environment["SLACK_URL"] = _slack.Server.Url + HookPath;
        Assert.Equal(0, _s.Add("chat", "--type", "slack", "--url-env", "SLACK_URL").ExitCode);

        _s.Create();
        Assert.Equal(0, _s.Run().ExitCode);
        _s.Update();
        Assert.Equal(0, _s.Run().ExitCode);
        _s.Retract();
        var last = _s.Run();

        Assert.True(last.ExitCode == 0, last.ToString());
        var titles = _slack.Messages.Select(m => (string?)m["blocks"]![0]!["text"]!["text"]).ToList();
        var rule = "AWS Bedrock High-Frequency Single-Model Inference API Probing";
        Assert.Equal($"New alert: {rule}", titles[0]);
        Assert.Equal($"Retracted: {rule}", titles[1]);
        Assert.All(titles.Skip(2), t => Assert.Equal($"New alert: {rule}", t));
        Assert.DoesNotContain(titles, t => t!.StartsWith("Updated", StringComparison.Ordinal));
        var created = SlackReceiver.Text(_slack.Messages[0]);
        var id = _s.AlertId;
        foreach (var fact in new[] { DetectionFixture.Arn, "111122223333", DetectionFixture.Model, "*Calls*\n600",
                     "2026-03-02T01:50:00Z to 2026-03-02T02:50:00Z", $"{rule} (medium)", $"`duckdetect explain {id}`", $"alert {id} revision 1" })
        {
            Assert.Contains(fact, created, StringComparison.Ordinal);
        }
        Assert.Contains("called", (string?)_slack.Messages[0]["text"], StringComparison.Ordinal);
        var retracted = SlackReceiver.Text(_slack.Messages[1]);
        Assert.Contains("*Why retracted:* late data re-evaluation", retracted, StringComparison.Ordinal);
        Assert.Contains($"alert {id} revision 3", retracted, StringComparison.Ordinal);
        // The update was passed over by the filter, and counts as delivered.
        Assert.Equal(_s.Db.Scalar<long>("SELECT max(change_seq) FROM alert_changes"), _s.Cursor("chat"));
    }

    public void Dispose()
    {
        _slack.Dispose();
        _s.Dispose();
    }
}
