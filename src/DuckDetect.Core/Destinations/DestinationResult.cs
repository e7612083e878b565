namespace DuckDetect.Core.Destinations;

/// <summary>What one delivery to a destination came to (a row of destination_runs).</summary>
public sealed record DestinationResult
{
    public required string Destination { get; init; }

    public required string Type { get; init; }

    public long CursorFrom { get; init; }

    public long CursorTo { get; init; }

    /// <summary>Records the receiver accepted (alert changes and triage changes).</summary>
    public int Sent { get; init; }

    /// <summary>Records its filter passed over (they count as delivered).</summary>
    public int Skipped { get; init; }

    /// <summary>Records still waiting (a failure stopped the delivery before them).</summary>
    public int Waiting { get; init; }

    public int Requests { get; init; }

    public int Retries { get; init; }

    public TimeSpan Elapsed { get; init; }

    /// <summary>Why the delivery stopped, free of secrets; null when everything was delivered.</summary>
    public string? Error { get; init; }

    public bool Failed => Error is not null;

    public string Outcome => Failed ? (Sent > 0 ? "partial" : "failed") : Sent > 0 ? "delivered" : "nothing";
}
