namespace DuckDetect.Core.Detection;

/// <summary>
/// What a rule's run leaves besides its alerts: its row of detect_runs (the summary, its settings, the window ends it
/// evaluated, its range's end) and, unless <see cref="StateFrom"/> is null (a database without events), its state's move to the run's range.
/// </summary>
internal sealed record RunRecord(DetectSummary Summary, string Settings, DateTime? FirstWindowEnd, DateTime? LastWindowEnd, DateTime? StateFrom, DateTime RangeTo);
