using System.Text.Json.Nodes;
using DuckDetect.Core.Alerts;

namespace DuckDetect.Tests.Alerts;

/// <summary>
/// The people-facing tables written anywhere but a terminal: one Markdown table of plain text per rule, headed by the
/// rule's name, with the columns that rule fills and list cells cut to a few values.
/// </summary>
public sealed class AlertTableTests
{
    private const string Seed = "56312ef5-656c-4bf7-ad9a-affed052b102";
    private const string SeedName = "AWS Bedrock High-Frequency Single-Model Inference API Probing";
    private const string Distributed = "ad077b94-32a3-470b-82cf-05975564baa9";

    private static JsonObject Alert(string windowEnd, string arn, string? account, string model, long calls, long suppressed, params string[] ips) => new()
    {
        ["rule_id"] = Seed,
        ["rule_name"] = SeedName,
        ["severity"] = "medium",
        ["window_end"] = windowEnd,
        ["user_arn"] = arn,
        ["account_id"] = account,
        ["model_id"] = model,
        ["inference_call_count"] = calls,
        ["suppressed_count"] = suppressed,
        ["source_ips"] = List(ips),
        ["triage_status"] = "open",
    };

    private static JsonArray List(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());

    private static string[] Lines(IReadOnlyList<JsonObject> alerts)
    {
        using var output = new StringWriter();
        AlertWriter.Write(output, alerts, AlertFormat.Table);
        return output.ToString().Split(Environment.NewLine);
    }

    [Fact]
    public void Table_NotATerminal_IsAMarkdownTableWithoutEscapeCodesHeadedByTheRulesName()
    {
        var lines = Lines(
        [
            Alert("2026-03-02T01:50:00Z", "arn:aws:sts::111122223333:assumed-role/prober/a-rather-long-session-name-that-is-not-wrapped", "111122223333", "anthropic.claude-v2", 600, 3, "203.0.113.7"),
            Alert("2026-03-02T02:50:00Z", "arn:aws:iam::444455556666:user/x", null, "amazon.nova-lite-v1:0", 12345, 0),
        ]).Where(l => l.Length > 0).ToArray();

        Assert.Equal(6, lines.Length);
        Assert.Equal($"{SeedName} (medium): 2 alerts", lines[0]);
        Assert.StartsWith("| window_end           | user_arn ", lines[1], StringComparison.Ordinal);
        Assert.Matches(@"^\| :-+ \| :-+ \| :-+ \| :-+ \| -+: \| -+: \| :-+ \| :-+ \|$", lines[2]);
        Assert.Contains("| arn:aws:sts::111122223333:assumed-role/prober/a-rather-long-session-name-that-is-not-wrapped |", lines[3], StringComparison.Ordinal);
        Assert.Matches(@"\|\s+600 \|\s+3 \| 203\.0\.113\.7\s+\| open\s+\|$", lines[3]);
        Assert.Matches(@"\| 2026-03-02T02:50:00Z \| arn:aws:iam::444455556666:user/x\s+\|\s+\| amazon\.nova-lite-v1:0\s+\| +12345 \|\s+0 \|\s+\| open\s+\|$", lines[4]);
        Assert.Equal("(2 alerts)", lines[5]);
        Assert.All(lines, l => Assert.Equal(l.TrimEnd(), l));
        Assert.DoesNotContain(lines, l => l.Contains('\u001b', StringComparison.Ordinal));
    }

    [Fact]
    public void Table_SeveralRules_OneTablePerRuleInTheCatalogsOrder_MultiPrincipalShowsSourceIpAndPrincipals()
    {
        var distributed = new JsonObject
        {
            ["rule_id"] = Distributed,
            ["rule_name"] = "AWS Bedrock Credential-Distributed Single-Model Inference Probing",
            ["severity"] = "medium",
            ["window_end"] = "2026-03-02T18:20:00Z",
            ["user_arn"] = null,
            ["source_ip"] = "10.0.3.182",
            ["user_arns"] = List(Enumerable.Range(1, 10).Select(i => $"arn:aws:sts::777788889999:assumed-role/batch/s{i}")),
            ["account_id"] = "777788889999",
            ["model_id"] = "meta.llama3-1-70b-instruct-v1:0",
            ["inference_call_count"] = 654,
            ["max_principal_calls"] = 67,
            ["suppressed_count"] = 5,
            ["source_ips"] = List(["10.0.3.182"]),
            ["triage_status"] = "open",
        };

        var lines = Lines([distributed, Alert("2026-03-02T01:50:00Z", "arn:aws:iam::111122223333:user/a", "111122223333", "m", 600, 0, "192.0.2.1")]);

        Assert.Equal($"{SeedName} (medium): 1 alert", lines[0]);
        var heading = Array.IndexOf(lines, "AWS Bedrock Credential-Distributed Single-Model Inference Probing (medium): 1 alert");
        Assert.True(heading > 3, string.Join('\n', lines));
        Assert.Equal("", lines[heading - 1]);
        Assert.Equal(["window_end", "source_ip", "principals", "account_id", "model_id", "inference_call_count", "max_principal_calls", "suppressed_count", "triage_status"],
            lines[heading + 1].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Matches(@"^\| 2026-03-02T18:20:00Z \| 10\.0\.3\.182 \|\s+10 \| 777788889999 \|", lines[heading + 3]);
        Assert.Equal("(2 alerts)", lines[heading + 4]);
    }

    [Fact]
    public void Table_LongList_ShowsAFewValuesAndHowManyMore()
    {
        var ips = Enumerable.Range(1, 300).Select(i => $"198.51.100.{i % 256}").ToArray();

        var row = Lines([Alert("2026-03-02T01:50:00Z", "arn:aws:iam::111122223333:user/a", "111122223333", "m", 600, 0, ips)])[3];

        Assert.Contains("| 198.51.100.1, 198.51.100.2, 198.51.100.3 (+297 more) |", row, StringComparison.Ordinal);
        Assert.True(row.Length < 200, row);
    }

    [Fact]
    public void Table_NoAlerts_SaysSo()
    {
        using var output = new StringWriter();
        AlertWriter.Write(output, [], AlertFormat.Table);

        Assert.Equal("(no alerts)" + Environment.NewLine, output.ToString());
    }
}
