namespace DuckDetect.Core.Ingest;

/// <summary>A row of <c>ingest/join/range.sql</c>: how many hours the join reads, from and to.</summary>
internal sealed class JoinRange
{
    public long Hours { get; set; }

    public DateTime? From { get; set; }

    public DateTime? To { get; set; }
}
