namespace DuckDetect.Core.Destinations;

/// <summary>A destination's row of destination_state, with how far behind it is.</summary>
public sealed record DestinationState
{
    public string Destination { get; init; } = "";

    /// <summary>The last alert_changes.change_seq the destination accepted (or did not take, by its filter).</summary>
    public long Cursor { get; init; }

    /// <summary>The last alert_triage.triage_seq handled.</summary>
    public long TriageCursor { get; init; }

    public long RecordsDelivered { get; init; }

    public DateTime? LastAttemptAt { get; init; }

    public DateTime? LastSuccessAt { get; init; }

    public string? LastError { get; init; }

    public DateTime? LastErrorAt { get; init; }

    public DateTime? FailingSince { get; init; }

    /// <summary>Alert changes after the cursor (not yet delivered, or not yet passed over by the filter).</summary>
    public long PendingChanges { get; init; }

    public DateTime? OldestPendingAt { get; init; }

    /// <summary>Minutes since the oldest change not yet delivered was made; 0 when none waits.</summary>
    public double LagMinutes(DateTimeOffset now) =>
        OldestPendingAt is { } oldest ? Math.Max(0, Math.Round((now.UtcDateTime - DateTime.SpecifyKind(oldest, DateTimeKind.Utc)).TotalMinutes, 1)) : 0;
}
