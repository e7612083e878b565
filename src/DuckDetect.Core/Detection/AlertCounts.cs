namespace DuckDetect.Core.Detection;

/// <summary>How many alerts a run inserted, updated and retracted, and the candidates of its windows.</summary>
public sealed record AlertCounts(long AlertsNew, long AlertsUpdated, long AlertsRetracted, long Candidates);
