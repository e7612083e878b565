namespace DuckDetect.Core.Generate;

/// <summary>
/// The parameters a rule's expected alerts were computed with (<c>generate/rules.sql</c>): the shipped defaults of its
/// definition in <c>sql/rules/</c>. Key names are the alerts table's columns.
/// </summary>
public sealed record RuleParameters
{
    /// <summary><c>threshold</c>, <c>match</c>, <c>new_terms</c> or <c>sequence</c>.</summary>
    public required string Type { get; init; }

    /// <summary>
    /// What the rule reads: <c>cloudtrail</c>; <c>invocations</c> (Bedrock model invocation log records, whose planted
    /// profiles the manifest's cases name); or <c>cloudtrail, invocation log delivery</c> (the blind-spot rule).
    /// </summary>
    public required string Reads { get; init; }

    /// <summary>The event source of the calls the rule reads; null when it reads several (the phantom user's, AgentCore's).</summary>
    public string? EventSource { get; init; }

    public required IReadOnlyList<string> EventNames { get; init; }

    /// <summary>Which of those calls count: a threshold rule's calls, an event rule's hits.</summary>
    public required string Counts { get; init; }

    /// <summary>The keys a window's calls are counted by (user_arn, account_id, model_id, source_ip).</summary>
    public required IReadOnlyList<string> GroupBy { get; init; }

    /// <summary>A candidate needs at least this many calls in one window.</summary>
    public required long Threshold { get; init; }

    /// <summary>Windows are [end - WindowMinutes, end), with end on every IntervalMinutes mark since the Unix epoch.</summary>
    public required int WindowMinutes { get; init; }

    public required int IntervalMinutes { get; init; }

    public required IReadOnlyList<string> SuppressBy { get; init; }

    /// <summary>Candidates ending before an alert's window end + SuppressionMinutes fold into it.</summary>
    public required int SuppressionMinutes { get; init; }

    /// <summary>The rule's own settings (min_principals, principal_cap, min_hours, hour_cap, factor, baseline_days).</summary>
    public required IReadOnlyDictionary<string, long> Settings { get; init; }
}
