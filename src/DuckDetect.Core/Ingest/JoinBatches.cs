namespace DuckDetect.Core.Ingest;

/// <summary>A row of <c>ingest/join/batches.sql</c>: the newest ingest batch the join has seen, and the newest made.</summary>
internal sealed class JoinBatches
{
    public long Seen { get; set; }

    public long Newest { get; set; }
}
