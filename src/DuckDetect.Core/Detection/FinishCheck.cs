namespace DuckDetect.Core.Detection;

/// <summary>Whether a rule's suppression, alerts and evidence have anything to do in a run, and its candidates (detect/finish_check.sql).</summary>
public sealed record FinishCheck(string RuleId, bool HasWork, long Candidates);
