namespace DuckDetect.Core.Ingest;

/// <summary>A row of <c>ingest/join/totals.sql</c>: the invocations stored and how many have their CloudTrail call.</summary>
internal sealed class InvocationTotals
{
    public long Stored { get; set; }

    public long Matched { get; set; }
}
