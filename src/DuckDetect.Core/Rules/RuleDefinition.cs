using System.Text.Json.Serialization;

namespace DuckDetect.Core.Rules;

/// <summary>A rule as its definition file (<c>sql/rules/*.json</c>) describes it.</summary>
public sealed record RuleDefinition
{
    /// <summary>The kinds of rule the engine runs (<see cref="Type"/>).</summary>
    public static readonly IReadOnlyList<string> Types = ["threshold", "match", "new_terms", "sequence"];

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>
    /// How the rule finds candidates: <c>threshold</c> (its query counts the shared tally of inference calls, the seed
    /// rule's kind; the default), or an event rule whose SQL file is a predicate over the shared stage of events:
    /// <c>match</c> (every event that matches), <c>new_terms</c> (a term first seen within a history window) or
    /// <c>sequence</c> (a second step after a first one by the same field within a span).
    /// </summary>
    [JsonPropertyName("type")]
    public string? Kind { get; init; }

    /// <summary>The rule's type (<see cref="Kind"/>, else <c>threshold</c>).</summary>
    [JsonIgnore]
    public string Type => Kind ?? "threshold";

    /// <summary>
    /// The table the rule reads: <c>cloudtrail</c> (the default) or <c>invocations</c> (Bedrock's model invocation
    /// logs, an event rule's predicate then naming the columns of detect/stages/invocation_columns.sql).
    /// </summary>
    [JsonPropertyName("reads")]
    public string? Reads { get; init; }

    /// <summary>The table the rule reads (<see cref="Reads"/>, else CloudTrail).</summary>
    [JsonIgnore]
    public RuleSource ReadsFrom => RuleSource.Of(Reads);

    /// <summary>A CloudTrail rule that also reads where invocation logs were delivered (the blind-spot rule).</summary>
    [JsonPropertyName("invocation_logging")]
    public InvocationLoggingDefinition? InvocationLogging { get; init; }

    /// <summary>
    /// The sources whose new rows change the rule's windows, each with how far after a row's time the windows it
    /// changes reach (LookbackMinutes): its own source, and invocation logs for a rule that reads their delivery.
    /// </summary>
    public IReadOnlyList<(RuleSource Source, int LookbackMinutes)> LateSources(RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var own = (ReadsFrom, LookbackMinutes(settings));
        return InvocationLogging is { } logging && ReadsFrom != RuleSource.Invocations
            ? [own, (RuleSource.Invocations, checked((int)(settings.Get(logging.DaysSetting) * 1440) + 60))]
            : [own];
    }

    /// <summary>A new-terms rule's terms and history.</summary>
    [JsonPropertyName("new_terms")]
    public NewTermsDefinition? NewTerms { get; init; }

    /// <summary>A sequence rule's join and span.</summary>
    [JsonPropertyName("sequence")]
    public SequenceDefinition? Sequence { get; init; }

    /// <summary>The rule's own test cases: events on which it must fire, and near misses on which it must not.</summary>
    [JsonPropertyName("cases")]
    public IReadOnlyList<RuleCase>? Cases { get; init; }

    /// <summary>A match rule's distinct-value condition, if any.</summary>
    [JsonPropertyName("distinct")]
    public DistinctDefinition? Distinct { get; init; }

    /// <summary>Whether the rule counts the shared tally (a threshold rule) rather than reading events.</summary>
    [JsonIgnore]
    public bool IsThreshold => Type == "threshold";

    /// <summary>Who wrote the rule a translation translates (Elastic's <c>author</c>); none for DuckDetect's own rules.</summary>
    [JsonPropertyName("author")]
    public IReadOnlyList<string>? Author { get; init; }

    /// <summary>The licence of the rule translated (Elastic's <c>license</c>).</summary>
    [JsonPropertyName("license")]
    public string? License { get; init; }

    /// <summary>The rule file a translation translates (Elastic's detection-rules on GitHub), for credit and comparison.</summary>
    [JsonPropertyName("source")]
    public string? Source { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("description")]
    public string Description { get; init; } = "";

    /// <summary>What the rule catches, in one line, for the catalogue (docs/rules.md); the description when absent.</summary>
    [JsonPropertyName("summary")]
    public string? Summary { get; init; }

    /// <summary>The embedded SQL file with the rule's query, relative to <c>sql/</c>.</summary>
    [JsonPropertyName("sql")]
    public required string Sql { get; init; }

    /// <summary>
    /// The embedded SQL file that lists the events the rule counts (for alert evidence and timelines), relative to
    /// <c>sql/</c>; without it, the rule's alerts carry no evidence.
    /// </summary>
    [JsonPropertyName("counted_events_sql")]
    public string? CountedEventsSql { get; init; }

    [JsonPropertyName("severity")]
    public required string Severity { get; init; }

    [JsonPropertyName("risk_score")]
    public required int RiskScore { get; init; }

    [JsonPropertyName("tags")]
    public IReadOnlyList<string> Tags { get; init; } = [];

    [JsonPropertyName("references")]
    public IReadOnlyList<string> References { get; init; } = [];

    [JsonPropertyName("threshold")]
    public required long Threshold { get; init; }

    [JsonPropertyName("window_minutes")]
    public required int WindowMinutes { get; init; }

    [JsonPropertyName("interval_minutes")]
    public required int IntervalMinutes { get; init; }

    [JsonPropertyName("suppression")]
    public required SuppressionDefinition Suppression { get; init; }

    /// <summary>
    /// The fields a candidate is counted by (one candidate per window and value of these), in order; without it,
    /// user_arn, account_id and model_id.
    /// </summary>
    [JsonPropertyName("group_by")]
    public IReadOnlyList<string>? GroupBy { get; init; }

    /// <summary>
    /// The rule's settings beyond threshold, window, interval and suppression (name and whole number), bound as
    /// <c>$name</c> parameters of its query; every one is tunable in what-if (<c>--set NAME=VALUE</c>). None when absent.
    /// </summary>
    [JsonPropertyName("settings")]
    public IReadOnlyDictionary<string, long>? Extra { get; init; }

    /// <summary>
    /// The width of the buckets of the shared tally the rule reads (<c>{{tally}}</c>), in minutes; without it, the
    /// rule's interval. Its window and interval must be whole numbers of it.
    /// </summary>
    [JsonPropertyName("tally_minutes")]
    public int? TallyMinutes { get; init; }

    /// <summary>The tally width the rule reads with these settings.</summary>
    public int TallyMinutesFor(RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return TallyMinutes ?? settings.IntervalMinutes;
    }

    /// <summary>Whether the windows are whole hours (window and interval multiples of 60 minutes).</summary>
    [JsonPropertyName("hour_aligned")]
    public bool HourAligned { get; init; }

    /// <summary>The history a window's result depends on before the window starts (a baseline), if any.</summary>
    [JsonPropertyName("history")]
    public HistoryDefinition? History { get; init; }

    /// <summary>The definition file this was read from, relative to <c>sql/</c> (its text is published as is).</summary>
    [JsonIgnore]
    public string DefinitionFile { get; init; } = "";

    /// <summary>The settings as defined (what production detection uses).</summary>
    [JsonIgnore]
    public RuleSettings Settings => new(Threshold, WindowMinutes, IntervalMinutes, Suppression.DurationMinutes, Extra ?? new Dictionary<string, long>());

    /// <summary>The candidate keys, as SQL (validated names only).</summary>
    [JsonIgnore]
    public RuleKeys CandidateKeys => new(GroupBy ?? ["user_arn", "account_id", "model_id"]);

    /// <summary>The suppression keys, as SQL (validated names only): the alert id hashes their values in this order.</summary>
    [JsonIgnore]
    public RuleKeys SuppressionKeys => new(Suppression.GroupBy);

    /// <summary>
    /// How far before a window's start events still change its result (a baseline's days and the hour before the
    /// window; a new-terms rule's history; a sequence's span), so that late data re-evaluates the windows after it
    /// too, and an event rule's stage holds those events.
    /// </summary>
    public int LookbackMinutes(RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return History is { } h ? checked((int)(settings.Get(h.DaysSetting) * 1440) + 60)
            : NewTerms is { } t ? checked((int)(settings.Get(t.HistoryDaysSetting) * 1440))
            : Sequence is { } q ? checked((int)settings.Get(q.MaxSpanSetting))
            : 0;
    }
}
