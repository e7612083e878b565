namespace DuckDetect.Core.Detection;

/// <summary>What one detect run did (a row of <c>detect_runs</c>).</summary>
public sealed record DetectSummary
{
    public string RuleId { get; init; } = "";

    public string RuleName { get; init; } = "";

    public long RunId { get; init; }

    /// <summary>The run's timestamp: created_at/updated_at of the alerts it wrote.</summary>
    public DateTime RunTime { get; init; }

    public DateTimeOffset? RangeFrom { get; init; }

    public DateTimeOffset? RangeTo { get; init; }

    public long WindowsEvaluated { get; init; }

    public long LateWindows { get; init; }

    public int Spans { get; init; }

    public long Candidates { get; init; }

    public long AlertsNew { get; init; }

    public long AlertsUpdated { get; init; }

    public long AlertsRetracted { get; init; }

    public TimeSpan Elapsed { get; init; }
}
