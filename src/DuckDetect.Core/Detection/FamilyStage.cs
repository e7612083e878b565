using System.Data;
using Dapper;
using DuckDetect.Core.Rules;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Detection;

/// <summary>
/// The event rules' shared stage of one source (detect_family for CloudTrail, detect_invocations for invocation
/// logs): the events any of them may read (their predicates, or-ed), read once per slice
/// into <c>detect_family</c> with the model id of a Bedrock call extracted once (detect/stages/family_*.sql). Each
/// rule's query then reads its own from there (EventRuleSql). A rule's predicate takes in events only from where its
/// earliest window reaches back to (its new-terms history, its sequence's span): a scheduled run reads a week of the
/// few events a new-terms rule watches, not a week of every inference call that a rule of one window reads.
/// </summary>
[DapperAot]
internal sealed class FamilyStage : ISliceStage
{
    private readonly IDbConnection _connection;
    private readonly IDbTransaction? _tx;
    private readonly RuleSource _source;
    private readonly string _append;

    /// <param name="source">The rules' source: CloudTrail (detect_family) or invocation logs (detect_invocations).</param>
    public FamilyStage(IDbConnection connection, IDbTransaction? tx, IEnumerable<SlicedRule> rules, RuleSource source)
    {
        _connection = connection;
        _tx = tx;
        _source = source;
        var reaches = rules.Where(r => r.Spans.Count > 0)
            .Select(r => (r.Rule, r.Settings, From: new DateTimeOffset(DateTime.SpecifyKind(r.Spans.Min(s => s.FirstEnd).AddMinutes(-r.ReachMinutes), DateTimeKind.Utc))));
        _append = RuleText.Fill($"detect/stages/{source.StageScripts}_append.sql", EventRuleSql.SourceFragments(new Dictionary<string, string> { ["filter"] = EventRuleSql.AnyOf(reaches) }));
        connection.Execute(RuleText.Fill($"detect/stages/{source.StageScripts}_create.sql", EventRuleSql.SourceFragments([])), transaction: tx);
    }

    public int AlignMinutes => 1;

    public string HoursSql => SqlText.Fill(SqlScripts.Get("detect/stages/event_hours.sql"), _source.Fragments);

    public void Append(DateTime from, DateTime to) =>
        StepTrace.Step($"detect: the event rules' {_source.Name} of the slice (one pass)", () =>
            _connection.Execute(_append, new { events_from = from, events_to = to }, _tx, commandTimeout: 0));

    public void Prune(DateTime keepFrom) =>
        _connection.Execute(SqlText.Fill(SqlScripts.Get("detect/stages/family_prune.sql"), new Dictionary<string, string> { ["stage_table"] = _source.StageTable }),
            new { keep_from = keepFrom }, _tx);

    public void Drop() => _connection.Execute("DROP TABLE IF EXISTS " + SqlText.Identifier(_source.StageTable), transaction: _tx);
}
