namespace DuckDetect.Core.S3;

/// <summary>What one run of one source asked of S3, read and loaded: its summary line and its <c>s3_sources</c> row.</summary>
public sealed record S3SourceFigures
{
    public required string Source { get; init; }

    public long ListRequests { get; init; }

    public long GetRequests { get; init; }

    public long BytesRead { get; init; }

    public long ObjectsListed { get; init; }

    public long ObjectsUnchanged { get; init; }

    public long ObjectsLoaded { get; init; }

    public long ObjectsFailed { get; init; }

    /// <summary>New objects that a whole listing found under a day prefix before the lookback (only reconciliation finds those).</summary>
    public long ObjectsFoundLate { get; init; }

    public bool Reconciled { get; init; }

    public int DateRoots { get; init; }

    public int DayPrefixesListed { get; init; }

    public decimal RequestCostUsd => S3Pricing.RequestCost(ListRequests, GetRequests);
}
