namespace DuckDetect.Core.Rules;

/// <summary>
/// The table a rule reads (its definition's <c>reads</c>): CloudTrail's events, or Bedrock's model invocation logs.
/// Each has its shared stage, filled once per slice for every rule of that source (detect/stages/), and the time
/// column by which late ingest batches pick the windows they touch.
/// </summary>
public sealed record RuleSource(string Name, string Table, string TimeColumn, string StageTable, string StageScripts)
{
    public static readonly RuleSource CloudTrail = new("cloudtrail", "cloudtrail_events", "event_time", "detect_family", "family");

    public static readonly RuleSource Invocations = new("invocations", "bedrock_invocations", "invocation_time", "detect_invocations", "invocation");

    public static readonly IReadOnlyList<RuleSource> All = [CloudTrail, Invocations];

    /// <summary>The source of this name (a definition's <c>reads</c>; none is CloudTrail).</summary>
    public static RuleSource Of(string? name) =>
        name is null ? CloudTrail
        : All.FirstOrDefault(s => s.Name == name) ?? throw new InvalidOperationException(
            $"reads must be one of {string.Join(", ", All.Select(s => s.Name))}; got '{name}'");

    /// <summary>The fragments of a script over this source: <c>{{source_table}}</c> and <c>{{source_time}}</c>.</summary>
    public IReadOnlyDictionary<string, string> Fragments => new Dictionary<string, string>
    {
        ["source_table"] = Table,
        ["source_time"] = TimeColumn,
    };
}
