namespace DuckDetect.Core.Detection;

/// <summary>What detect reads of a <c>rule_state</c> row (evaluated_from is kept for analysts only).</summary>
public sealed record RuleState(DateTime Checkpoint, long LastIngestBatch);
