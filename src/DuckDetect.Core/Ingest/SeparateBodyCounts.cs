namespace DuckDetect.Core.Ingest;

/// <summary>A row of <c>ingest/invocations/retry_counts.sql</c>: what <c>--retry-bodies</c> read, and what is still unread.</summary>
public sealed class SeparateBodyCounts
{
    public long Read { get; set; }

    public long Unread { get; set; }
}
