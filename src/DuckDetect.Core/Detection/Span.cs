namespace DuckDetect.Core.Detection;

/// <summary>A run of consecutive window ends, evaluated by one query.</summary>
public sealed record Span(DateTime FirstEnd, DateTime LastEnd, long Windows);
