namespace DuckDetect.Core.Detection;

/// <summary>A rule's row of rule_state as RuleRun.ReadStates reads it.</summary>
internal sealed record RuleStateRow(string RuleId, DateTime Checkpoint, long LastIngestBatch);
