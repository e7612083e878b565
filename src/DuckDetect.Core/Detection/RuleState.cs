namespace DuckDetect.Core.Detection;

/// <summary>A row of <c>rule_state</c>.</summary>
public sealed record RuleState(DateTime EvaluatedFrom, DateTime Checkpoint, long LastIngestBatch);
