namespace DuckDetect.Core.Enrichment;

/// <summary>What a load (or clear) left: the ranges in use, the stored source IPs with an AS, the alerts it changed.</summary>
public sealed record AsnLoadSummary
{
    public long Ranges { get; init; }

    public long Ipv4Ranges { get; init; }

    public long Ipv6Ranges { get; init; }

    public long OverlappingRanges { get; init; }

    public long SourceIps { get; init; }

    public long SourceIpsWithAs { get; init; }

    public long AlertsUpdated { get; init; }

    public long DurationMs { get; init; }
}
