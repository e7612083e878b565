using System.Text.Json.Nodes;

namespace DuckDetect.Core.Destinations;

/// <summary>
/// Which alert changes a destination is sent: of some rules only, from a minimum severity up, and of some kinds of
/// change (leaving out <c>retracted</c> sends no retraction). A record it does not take counts as delivered.
/// </summary>
public sealed record DestinationFilter(IReadOnlyList<string>? RuleIds, string? MinSeverity, IReadOnlyList<string> Changes)
{
    public static readonly IReadOnlyList<string> Severities = ["low", "medium", "high", "critical"];

    public static string ParseSeverity(string severity) =>
        Severities.FirstOrDefault(s => string.Equals(s, severity.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new DuckDetectException(FailureKind.InvalidArguments,
            $"unknown --min-severity '{severity}'; use {string.Join(", ", Severities)}");

    /// <summary>Whether a record of an alert change passes: its rule, its severity and its kind of change.</summary>
    public bool Accepts(JsonObject record) => AcceptsAlert(record) && Changes.Contains((string?)record["change"] ?? "");

    /// <summary>Whether an alert passes by its rule and severity (a triage change is no kind of alert change).</summary>
    public bool AcceptsAlert(JsonObject record) =>
        (RuleIds is not { } rules || rules.Contains((string?)record["rule_id"] ?? ""))
        && (MinSeverity is not { } min || Rank((string?)record["severity"]) >= Rank(min));

    private static int Rank(string? severity) => severity is null ? -1 : Severities.ToList().IndexOf(severity.ToLowerInvariant());

    /// <summary>For people: <c>rules a, b; severity medium and up; created, retracted</c>.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (RuleIds is { } rules)
        {
            parts.Add("rules " + string.Join(", ", rules));
        }
        if (MinSeverity is { } min)
        {
            parts.Add($"severity {min} and up");
        }
        parts.Add(string.Join(", ", Changes));
        return string.Join("; ", parts);
    }
}
