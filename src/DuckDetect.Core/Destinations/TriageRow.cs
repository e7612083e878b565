namespace DuckDetect.Core.Destinations;

/// <summary>A row of destinations/triage_details.sql.</summary>
public sealed record TriageRow
{
    public string AlertId { get; init; } = "";

    public string Status { get; init; } = "open";

    public string? Reason { get; init; }

    public string? Note { get; init; }

    public string? TriagedBy { get; init; }
}
