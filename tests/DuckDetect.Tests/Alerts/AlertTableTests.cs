using System.Text.Json.Nodes;
using DuckDetect.Core.Alerts;

namespace DuckDetect.Tests.Alerts;

/// <summary>The people-facing table written anywhere but a terminal: a Markdown table of plain text.</summary>
public sealed class AlertTableTests
{
    private static JsonObject Alert(string windowEnd, string arn, string? account, string model, long calls, long suppressed, params string[] ips) => new()
    {
        ["window_end"] = windowEnd,
        ["user_arn"] = arn,
        ["account_id"] = account,
        ["model_id"] = model,
        ["inference_call_count"] = calls,
        ["suppressed_count"] = suppressed,
        ["source_ips"] = new JsonArray(ips.Select(ip => (JsonNode)JsonValue.Create(ip)).ToArray()),
        ["triage_status"] = "open",
    };

    [Fact]
    public void Table_NotATerminal_IsAMarkdownTableWithoutEscapeCodes()
    {
        using var output = new StringWriter();
        AlertWriter.Write(output,
        [
            Alert("2026-03-02T01:50:00Z", "arn:aws:sts::111122223333:assumed-role/prober/a-rather-long-session-name-that-is-not-wrapped", "111122223333", "anthropic.claude-v2", 600, 3, "203.0.113.7"),
            Alert("2026-03-02T02:50:00Z", "arn:aws:iam::444455556666:user/x", null, "amazon.nova-lite-v1:0", 12345, 0),
        ], AlertFormat.Table);

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("| window_end           | user_arn ", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^\| :-+ \| :-+ \| :-+ \| :-+ \| -+: \| -+: \| :-+ \| :-+ \|$", lines[1]);
        Assert.Contains("| arn:aws:sts::111122223333:assumed-role/prober/a-rather-long-session-name-that-is-not-wrapped |", lines[2], StringComparison.Ordinal);
        Assert.Matches(@"\|\s+600 \|\s+3 \| \[""203\.0\.113\.7""\] \| open\s+\|$", lines[2]);
        Assert.Matches(@"\| 2026-03-02T02:50:00Z \| arn:aws:iam::444455556666:user/x\s+\|\s+\| amazon\.nova-lite-v1:0\s+\| +12345 \|\s+0 \| \[\]\s+\| open\s+\|$", lines[3]);
        Assert.Equal("(2 alerts)", lines[4]);
        Assert.All(lines, l => Assert.Equal(l.TrimEnd(), l));
        Assert.DoesNotContain("\u001b", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Table_NoAlerts_SaysSo()
    {
        using var output = new StringWriter();
        AlertWriter.Write(output, [], AlertFormat.Table);

        Assert.Equal("(no alerts)" + Environment.NewLine, output.ToString());
    }
}
