namespace DuckDetect.Core.Detection;

/// <summary>How many events an hour of event time holds (detect/stages/event_hours.sql), for cutting slices.</summary>
public sealed record EventHour(DateTime Hour, long Events);
