using DuckDetect.Core.Alerts;
using System.Text.Json.Nodes;

namespace DuckDetect.Core.Destinations.Receivers;

/// <summary>
/// A Slack incoming-webhook message for an alert change (Block Kit): a header saying what happened, the principal,
/// account, model, call count, window, rule and severity as fields, and the <c>explain</c> command line; a
/// retraction is a follow-up message with its reason. <c>text</c> carries the same in one line for notifications.
/// </summary>
public static class SlackMessage
{
    public static JsonObject For(JsonObject alert)
    {
        var change = (string?)alert["change"] ?? AlertChange.Created;
        var rule = (string?)alert["rule_name"] ?? (string?)alert["rule_id"] ?? "";
        var title = change switch
        {
            AlertChange.Retracted => "Retracted",
            AlertChange.Updated => "Updated",
            _ => "New alert",
        } + ": " + rule;
        if (alert["test"] is not null)
        {
            title = "Test from DuckDetect: " + title;
        }
        var blocks = new JsonArray(
            new JsonObject { ["type"] = "header", ["text"] = Plain(Cut(title, 150)) },
            new JsonObject
            {
                ["type"] = "section",
                ["fields"] = new JsonArray(
                    Field("Principal", Code(AlertText.Principal(alert))),
                    Field("Account", Code((string?)alert["account_id"] ?? "-")),
                    Field("Model", Code((string?)alert["model_id"] ?? "-")),
                    Field("Calls", AlertText.Calls(alert)),
                    Field("Window", Escape(AlertText.Window(alert))),
                    Field("Rule", Escape($"{rule} ({alert["severity"]})"))),
            });
        if (change == AlertChange.Retracted)
        {
            blocks.Add((JsonNode)new JsonObject
            {
                ["type"] = "section",
                ["text"] = Markdown($"*Why retracted:* {Escape((string?)alert["retraction_reason"] ?? "re-evaluation")}"),
            });
        }
        blocks.Add((JsonNode)new JsonObject
        {
            ["type"] = "context",
            ["elements"] = new JsonArray(Markdown(
                $"Investigate: `{AlertText.Explain(alert)}` · alert {alert["alert_id"]} revision {AlertText.Revision(alert)}")),
        });
        return new JsonObject
        {
            ["text"] = Escape(Cut($"{title}: {AlertText.Summary(alert)}", 3000)),
            ["blocks"] = blocks,
        };
    }

    private static JsonObject Field(string name, string value) => Markdown($"*{name}*\n{value}");

    private static JsonObject Plain(string text) => new() { ["type"] = "plain_text", ["text"] = text };

    private static JsonObject Markdown(string text) => new() { ["type"] = "mrkdwn", ["text"] = Cut(text, 2000) };

    private static string Code(string text) => "`" + Escape(text.Replace('`', '\'')) + "`";

    /// <summary>Slack's mrkdwn takes &amp;, &lt; and &gt; as control characters.</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
