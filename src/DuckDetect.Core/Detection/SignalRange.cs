namespace DuckDetect.Core.Detection;

/// <summary>How many alerts need content signals, and the invocation time they read (<c>signals/range.sql</c>).</summary>
public sealed record SignalRange(long Alerts, DateTime? RangeStart, DateTime? RangeEnd);
