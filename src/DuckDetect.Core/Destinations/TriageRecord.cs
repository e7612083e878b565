using System.Text.Json.Nodes;

namespace DuckDetect.Core.Destinations;

/// <summary>An alert whose triage changed: its current record (alert and latest change) and its triage as it is now.</summary>
public sealed record TriageRecord(JsonObject Alert, string Status, string? Reason, string? Note, string? TriagedBy);
