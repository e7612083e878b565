using System.Text.Json.Nodes;

namespace DuckDetect.Core.Destinations;

/// <summary>What one destination is to be sent in this delivery: its records after its cursor, and its triaged alerts.</summary>
public sealed record DestinationWork
{
    public required DestinationConfig Config { get; init; }

    public long Cursor { get; init; }

    /// <summary>The newest alert change when the read began: the cursor once every record is accepted.</summary>
    public long Upto { get; init; }

    public long TriageCursor { get; init; }

    public long TriageUpto { get; init; }

    /// <summary>Per alert, its latest change after the cursor, in change order.</summary>
    public IReadOnlyList<(long ChangeSeq, JsonObject Record)> Records { get; init; } = [];

    public IReadOnlyList<TriageRecord> Triage { get; init; } = [];

    public bool HasWork => Upto > Cursor || TriageUpto > TriageCursor;
}
