namespace DuckDetect.Core.Detection;

/// <summary>How many alerts a run inserted, updated and retracted.</summary>
public sealed record AlertCounts(long AlertsNew, long AlertsUpdated, long AlertsRetracted);
