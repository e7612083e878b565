namespace DuckDetect.Core.Destinations;

/// <summary>The kinds of receiver a destination delivers to, by their names on the command line and in the database.</summary>
public static class DestinationType
{
    public const string Webhook = "webhook";
    public const string Slack = "slack";
    public const string PagerDuty = "pagerduty";
    public const string SecurityHub = "securityhub";
    public const string Elasticsearch = "elasticsearch";

    public static readonly IReadOnlyList<string> All = [Webhook, Slack, PagerDuty, SecurityHub, Elasticsearch];

    public static string Parse(string type) =>
        All.FirstOrDefault(t => string.Equals(t, type.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new DuckDetectException(FailureKind.InvalidArguments,
            $"unknown destination --type '{type}'; use {string.Join(", ", All)}");

    /// <summary>Whether a type is sent triage changes too (Security Hub's workflow status, Elasticsearch's document).</summary>
    public static bool TakesTriage(string type) => type is SecurityHub or Elasticsearch;

    /// <summary>The changes a type is sent unless --changes says otherwise (Slack posts no message per update).</summary>
    public static IReadOnlyList<string> DefaultChanges(string type) =>
        type == Slack ? ["created", "retracted"] : AlertChange.All;
}
