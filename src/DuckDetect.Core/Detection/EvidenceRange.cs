namespace DuckDetect.Core.Detection;

/// <summary>The event time that the evidence of a run's alerts spans, and how many (alert, model) pairs it serves.</summary>
public sealed record EvidenceRange(DateTime RangeStart, DateTime RangeEnd, long Models);
