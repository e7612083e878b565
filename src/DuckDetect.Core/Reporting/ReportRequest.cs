namespace DuckDetect.Core.Reporting;

/// <summary>The report's range (alerts whose window ends in [From, To]) and how much of each list it shows.</summary>
public sealed record ReportRequest
{
    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Charts of principals' (or source IPs') alerts, bucket by bucket (each rule's busiest first).</summary>
    public int Charts { get; init; } = 12;

    /// <summary>A source IP's principals stacked one by one (the busiest); the rest are summed as one.</summary>
    public int StackedPrincipals { get; init; } = 9;

    public int PrincipalRows { get; init; } = 100;

    /// <summary>The lookback of the principal views (docs/alerts.md).</summary>
    public int LookbackMinutes { get; init; } = Principals.PrincipalLookback.DefaultMinutes;

    /// <summary>Principal views drawn as timelines (the highest scores).</summary>
    public int PrincipalCharts { get; init; } = 6;

    /// <summary>Principal views in the table (the highest scores).</summary>
    public int PrincipalViewRows { get; init; } = 20;

    public int AlertRows { get; init; } = 200;

    public int NearMissRows { get; init; } = 50;

    public int RunRows { get; init; } = 500;

    public int FailedRows { get; init; } = 20;
}
