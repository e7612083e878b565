using System.Text.Json.Nodes;
using Cocona;
using DuckDetect.Core.Investigation;
using DuckDetect.Core.Principals;

namespace DuckDetect.Commands;

public sealed class ExplainCommand
{
    [Command("explain", Description = "Answer the rule's investigation steps for one alert: the opening window and the time the alert covers, the principal's baseline, what was new, other Bedrock and IAM calls, related alerts, the content signals of its invocation logs, its companions in the principal's view, triage and exceptions")]
    public int Explain(
        CommonOptions common,
        [Argument("alert-id", Description = "The alert's id (alert_id)")] string alertId,
        [Option("format", Description = "table or json", ValueName = "FORMAT")] string format = "table",
        [Option("lookback", Description = "The principal view's lookback for the alert's companions, such as 24h or 7d (default: $DUCKDETECT_PRINCIPAL_LOOKBACK, else 24h)", ValueName = "LENGTH")] string? lookback = null)
    {
        var json = JsonSections.IsJson(format);
        var lookbackMinutes = PrincipalLookback.Resolve(lookback, "--lookback");
        var report = Build(common, alertId, lookbackMinutes);
        if (json)
        {
            JsonSections.WriteJson(Console.Out, report);
        }
        else
        {
            Write(Console.Out, report, lookbackMinutes);
        }
        return ExitCodes.Success;
    }

    /// <summary>The events are only in the job's database: it is opened read-only for the few queries, then closed.</summary>
    private static JsonObject Build(CommonOptions common, string alertId, int lookbackMinutes)
    {
        common.RequireDatabase();
        using var session = common.OpenDatabase(readOnly: true);
        return AlertExplanation.Build(session, alertId, lookbackMinutes);
    }

    /// <summary>
    /// The alerts table's suppression columns, said as what they are: suppression_start is the end of the window that
    /// opened the alert, suppression_end the end of the last window folded into it.
    /// </summary>
    private static readonly Dictionary<string, string> AlertLabels = new()
    {
        ["suppression_start"] = "opened by the window ending",
        ["suppression_end"] = "last window folded in ending",
        ["suppressed_count"] = "windows folded in",
    };

    /// <summary>An event rule's window counts events of any kind, not calls.</summary>
    private static readonly Dictionary<string, string> EventLabels = new()
    {
        ["calls"] = "events",
        ["first_call"] = "first event",
        ["last_call"] = "last event",
    };

    private static void Write(TextWriter output, JsonObject report, int lookbackMinutes)
    {
        var alert = report["alert"]!;
        output.WriteLine($"alert {JsonSections.Text(alert["alert_id"])}: {JsonSections.Text(alert["rule_name"])}");
        JsonSections.Section(output, "the principal and the model", alert, AlertLabels);
        var eventRule = Core.Rules.RuleCatalog.Find(JsonSections.Text(alert["rule_id"])) is { IsThreshold: false };
        JsonSections.Section(output, "the opening window against the threshold", report["opening_window"], eventRule ? EventLabels : null);
        if (eventRule)
        {
            // An event rule's alert: the events themselves, not calls per bucket or an inference baseline.
            JsonSections.Section(output, "the events the alert counted", report["events"]);
            JsonSections.Section(output, "candidates folded into the alert (calls: the events of each window)", report["folded"]);
        }
        else
        {
            JsonSections.Section(output, "calls per interval bucket over the time the alert covers (window calls: the window ending with the bucket)", report["buckets"]);
            JsonSections.Section(output, "candidates folded into the alert", report["folded"]);
            JsonSections.Section(output, $"baseline: calls on the model per hour over the {AlertExplanation.BaselineDays} days before", report["baseline"]);
        }
        JsonSections.Section(output, $"source IPs, user agents, access keys and ASes: new or seen before for this principal (an AS: in the {AlertExplanation.BaselineDays} days before)", report["novelty"]);
        JsonSections.Section(output, $"the principal's other Bedrock, IAM and STS calls within {AlertExplanation.ContextHours} h", report["context"]);
        JsonSections.Section(output, $"related alerts (same principal or model, within {AlertExplanation.ContextHours} h)", report["related_alerts"]);
        if (!eventRule)
        {
            ContentSignalsSection.Write(output, report["content_signals"]);
        }
        CompanionsSection.Write(output, report["companions"]?.AsArray(), lookbackMinutes);
        JsonSections.Section(output, "triage", new JsonObject { ["status"] = report["triage"]?["status"]?.DeepClone() });
        JsonSections.Section(output, "triage history", report["triage"]?["history"]);
        JsonSections.Section(output, "active exceptions of the rule", report["exceptions"]?["active"]);
        JsonSections.Section(output, "the principal's excepted candidates", report["exceptions"]?["excepted_candidates"]);
    }
}
