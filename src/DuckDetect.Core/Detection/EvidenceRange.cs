namespace DuckDetect.Core.Detection;

/// <summary>
/// The event time that the evidence of a run's alerts spans (their timelines, with a window before the first), the
/// part of it their alert_events rows come from (their windows to their suppression end), and how many (alert, model)
/// pairs it serves.
/// </summary>
public sealed record EvidenceRange(DateTime RangeStart, DateTime RangeEnd, DateTime EventsStart, DateTime EventsEnd, long Models);
