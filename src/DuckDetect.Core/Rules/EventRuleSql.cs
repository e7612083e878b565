using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Rules;

/// <summary>
/// The query of an event rule (match, new terms, sequence): its type's template (<c>sql/detect/types/</c>) filled with
/// the rule's predicate (its SQL file: a boolean expression over the shared stage's columns; a sequence's two steps
/// separated by a line <c>-- then</c>) and with SQL built from the names its definition gives (validated: only known
/// key and field names reach SQL).
/// </summary>
public static class EventRuleSql
{
    /// <summary>The line that separates a sequence's first step from its second in the rule's SQL file.</summary>
    public const string ThenLine = "-- then";

    /// <summary>The table of the shared stage the event rules read.</summary>
    public const string EventsTable = "detect_family";

    /// <summary>The key columns every candidate has, each the rule's own key or NULL.</summary>
    private static readonly IReadOnlyList<string> KeyColumns = RuleKeys.Known;

    /// <summary>The rule's predicates: one, or a sequence's two steps.</summary>
    public static IReadOnlyList<string> Predicates(RuleDefinition rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var text = RuleText.Get(rule.Sql);
        var lines = text.Split('\n');
        var then = Array.FindIndex(lines, l => l.Trim() == ThenLine);
        if (rule.Type == "sequence")
        {
            if (then < 0)
            {
                throw new InvalidOperationException($"Rule {rule.Id}: a sequence's SQL file holds two steps separated by a line '{ThenLine}'.");
            }
            return [string.Join('\n', lines[..then]), string.Join('\n', lines[(then + 1)..])];
        }
        return [text];
    }

    /// <summary>
    /// Every predicate as one condition, for the stage that reads the events of all event rules at once: each rule's
    /// own predicates for events at or after the time its earliest window reaches back to (FALSE when no rule has any).
    /// </summary>
    public static string AnyOf(IEnumerable<(RuleDefinition Rule, DateTimeOffset From)> reaches)
    {
        var conditions = reaches.Select(r =>
            $"(event_time >= {SqlText.TimestampLiteral(r.From)} AND ({string.Join(" OR ", Predicates(r.Rule).Select(Parenthesized))}))").ToList();
        return conditions.Count == 0 ? "FALSE" : string.Join("\n    OR ", conditions);
    }

    /// <summary>The rule's query, reading <see cref="EventsTable"/>.</summary>
    public static string Query(RuleDefinition rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var predicates = Predicates(rule);
        var keys = rule.CandidateKeys.Names;
        var fragments = new Dictionary<string, string>
        {
            ["events"] = EventsTable,
            ["hits_to_candidates"] = SqlText.Fill(SqlScripts.Get("detect/types/hits_to_candidates.sql"), new Dictionary<string, string>
            {
                ["key_columns"] = string.Join(", ", KeyColumns.Select(k => keys.Contains(k) ? k : $"CAST(NULL AS VARCHAR) AS {k}")),
                ["group_keys"] = string.Join(", ", keys),
                ["terms"] = rule.NewTerms is null ? "CAST(NULL AS VARCHAR[])" : "list_sort(list_distinct(coalesce(list(term) FILTER (WHERE term IS NOT NULL), [])))",
                ["distinct_text"] = rule.Distinct is { } d ? $" with {string.Join(" or ", d.Fields)} taking ${d.MinSetting} distinct values or more" : "",
                ["distinct_having"] = rule.Distinct is { } distinct
                    ? " AND (" + string.Join(" OR ", distinct.Fields.Select(f => $"count(DISTINCT {f}) >= ${distinct.MinSetting}")) + ")"
                    : "",
            }).TrimEnd(),
        };
        switch (rule.Type)
        {
            case "match":
                fragments["predicate"] = Parenthesized(predicates[0]);
                return SqlText.Fill(SqlScripts.Get("detect/types/match.sql"), fragments);
            case "new_terms":
                fragments["predicate"] = Parenthesized(predicates[0]);
                fragments["term"] = Term(rule);
                return SqlText.Fill(SqlScripts.Get("detect/types/new_terms.sql"), fragments).Replace("$history_days", "$" + rule.NewTerms!.HistoryDaysSetting, StringComparison.Ordinal);
            case "sequence":
                fragments["first_step"] = Parenthesized(predicates[0]);
                fragments["then_step"] = Parenthesized(predicates[1]);
                fragments["by"] = rule.Sequence!.By;
                return SqlText.Fill(SqlScripts.Get("detect/types/sequence.sql"), fragments).Replace("$max_span_minutes", "$" + rule.Sequence.MaxSpanSetting, StringComparison.Ordinal);
            default:
                throw new InvalidOperationException($"Rule {rule.Id} of type {rule.Type} is not an event rule.");
        }
    }

    /// <summary>
    /// A new-terms rule's script that keeps its history (detect/types/new_terms_state.sql): each term's last time per
    /// hour, from the ingest batches after <c>$last_batch</c> up to <c>$max_batch</c>.
    /// </summary>
    public static string TermState(RuleDefinition rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return RuleText.Fill("detect/types/new_terms_state.sql", new Dictionary<string, string>
        {
            ["predicate"] = Parenthesized(Predicates(rule)[0]),
            ["term"] = Term(rule),
        });
    }

    /// <summary>A new-terms rule's term: its one field as text, or its fields' values as a JSON array.</summary>
    private static string Term(RuleDefinition rule)
    {
        var fields = rule.NewTerms?.Fields ?? throw new InvalidOperationException($"Rule {rule.Id} is not a new-terms rule.");
        return fields.Count == 1 ? $"CAST({fields[0]} AS VARCHAR)" : $"to_json([{string.Join(", ", fields)}])::VARCHAR";
    }

    /// <summary>
    /// The events an event rule counts, for its alerts' evidence and timelines (as counted_events_sql does for a
    /// threshold rule): the events of [$range_start, $range_end) that match any of its predicates.
    /// </summary>
    public static string Counted(RuleDefinition rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return RuleText.Fill("detect/types/counted.sql", new Dictionary<string, string>
        {
            ["predicate"] = string.Join("\n    OR ", Predicates(rule).Select(Parenthesized)),
        });
    }

    /// <summary>A predicate on lines of its own inside parentheses: a comment at its end cannot swallow what follows.</summary>
    private static string Parenthesized(string predicate) => "(\n" + predicate.Trim() + "\n)";
}
