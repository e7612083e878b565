using DuckDetect.Core.Rules;

namespace DuckDetect.Core.Detection;

/// <summary>A rule's spans to evaluate slice by slice, and what to do with each part of a span a slice reaches.</summary>
internal sealed record SlicedRule(RuleDefinition Rule, RuleSettings Settings, IReadOnlyList<Span> Spans, Action<Span> Evaluate);
