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

    /// <summary>
    /// The line after which a match rule's SQL file may add a condition on each window's group of hits (aggregates
    /// over them, as an ES|QL <c>stats</c> then <c>where</c>: a largest token count, an average).
    /// </summary>
    public const string HavingLine = "-- having";

    /// <summary>The key columns every candidate has, each the rule's own key or NULL.</summary>
    private static readonly IReadOnlyList<string> KeyColumns = RuleKeys.Known;

    /// <summary>
    /// The rule's predicates: one, or a sequence's two steps. With <paramref name="settings"/>, the rule's own settings
    /// that they name (<c>$name</c>) are written in as numbers (whole numbers only), for the stage and the evidence,
    /// which bind no setting; without, they stay parameters (the rule's query binds them).
    /// </summary>
    public static IReadOnlyList<string> Predicates(RuleDefinition rule, RuleSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var (text, _) = SplitHaving(rule, settings);
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
    public static string AnyOf(IEnumerable<(RuleDefinition Rule, RuleSettings Settings, DateTimeOffset From)> reaches)
    {
        var conditions = reaches.Select(r =>
            $"(event_time >= {SqlText.TimestampLiteral(r.From)} AND ({string.Join(" OR ", Predicates(r.Rule, r.Settings).Select(Parenthesized))}))").ToList();
        return conditions.Count == 0 ? "FALSE" : string.Join("\n    OR ", conditions);
    }

    /// <summary><paramref name="more"/> with the fragments of the scripts over invocation logs (the stage's columns).</summary>
    public static Dictionary<string, string> SourceFragments(Dictionary<string, string> more)
    {
        ArgumentNullException.ThrowIfNull(more);
        more["invocation_columns"] = SqlScripts.Get("detect/stages/invocation_columns.sql").TrimEnd();
        return more;
    }

    /// <summary>
    /// The rule's SQL file (with <paramref name="settings"/> written in, as Predicates), split at <see cref="HavingLine"/>: the predicate part and
    /// the group condition (none without the line).
    /// </summary>
    private static (string Predicate, string? Having) SplitHaving(RuleDefinition rule, RuleSettings? settings)
    {
        var text = RuleText.Get(rule.Sql);
        // Longest names first, so that a setting whose name begins another's is not written into it.
        foreach (var (name, value) in (settings?.Extra ?? new Dictionary<string, long>()).OrderByDescending(e => e.Key.Length))
        {
            text = text.Replace("$" + name, value.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }
        var lines = text.Split('\n');
        var having = Array.FindIndex(lines, l => l.Trim() == HavingLine);
        if (having < 0)
        {
            return (text, null);
        }
        if (rule.Type != "match")
        {
            throw new InvalidOperationException($"Rule {rule.Id}: only a match rule's SQL file may have a line '{HavingLine}'.");
        }
        return (string.Join('\n', lines[..having]), string.Join('\n', lines[(having + 1)..]));
    }

    /// <summary>The rule's query, reading its source's stage (detect_family or detect_invocations).</summary>
    public static string Query(RuleDefinition rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var predicates = Predicates(rule);
        var having = SplitHaving(rule, null).Having;
        var keys = rule.CandidateKeys.Names;
        var fragments = new Dictionary<string, string>
        {
            ["events"] = rule.ReadsFrom.StageTable,
            ["hits_to_candidates"] = SqlText.Fill(SqlScripts.Get("detect/types/hits_to_candidates.sql"), new Dictionary<string, string>
            {
                ["key_columns"] = string.Join(", ", KeyColumns.Select(k => keys.Contains(k) ? k : $"CAST(NULL AS VARCHAR) AS {k}")),
                ["group_keys"] = string.Join(", ", keys),
                ["terms"] = rule.NewTerms is null ? "CAST(NULL AS VARCHAR[])" : "list_sort(list_distinct(coalesce(list(term) FILTER (WHERE term IS NOT NULL), [])))",
                ["distinct_text"] = rule.Distinct is { } d ? $" with {string.Join(" or ", d.Fields)} taking ${d.MinSetting} distinct values or more" : "",
                ["distinct_having"] = (rule.Distinct is { } distinct
                    ? " AND (" + string.Join(" OR ", distinct.Fields.Select(f => $"count(DISTINCT {f}) >= ${distinct.MinSetting}")) + ")"
                    : "") + (having is null ? "" : " AND " + Parenthesized(having)),
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
    public static string Counted(RuleDefinition rule, RuleSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return RuleText.Fill(rule.ReadsFrom == RuleSource.Invocations ? "detect/types/counted_invocations.sql" : "detect/types/counted.sql",
            SourceFragments(new Dictionary<string, string>
            {
                ["predicate"] = string.Join("\n    OR ", Predicates(rule, settings ?? rule.Settings).Select(Parenthesized)),
            }));
    }

    /// <summary>A predicate on lines of its own inside parentheses: a comment at its end cannot swallow what follows.</summary>
    private static string Parenthesized(string predicate) => "(\n" + predicate.Trim() + "\n)";
}
