using System.Text.Json;
using Dapper;
using DuckDetect.Core;
using DuckDetect.Core.Detection;
using DuckDetect.Core.Exceptions;
using DuckDetect.Core.Ingest;
using DuckDetect.Core.Rules;

namespace DuckDetect.Tests.Support;

/// <summary>A throwaway database with helpers to add Bedrock events, run detect and read alerts back.</summary>
public sealed class DetectionFixture : IDisposable
{
    public const string Arn = "arn:aws:sts::111122223333:assumed-role/prober/session";
    public const string Account = "111122223333";
    public const string Model = "anthropic.claude-3-haiku-20240307-v1:0";

    private int _files;
    private int _events;

    public TempDatabase Db { get; } = new();

    /// <summary>The rule detect evaluates (the seed rule unless set).</summary>
    public RuleDefinition Rule { get; init; } = RuleCatalog.Get();

    public static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// <paramref name="count"/> inference events spread evenly over [start, start + span), each shaped by
    /// <paramref name="shape"/> (overrides of top-level fields; null removes a field).
    /// </summary>
    public List<Dictionary<string, object?>> Burst(int count, DateTimeOffset start, TimeSpan span,
        Action<Dictionary<string, object?>>? shape = null)
    {
        var events = new List<Dictionary<string, object?>>(count);
        for (var i = 0; i < count; i++)
        {
            var time = start + TimeSpan.FromTicks(span.Ticks * i / Math.Max(count, 1));
            var e = CloudTrailJson.Event($"evt-{Interlocked.Increment(ref _events):D9}", time);
            shape?.Invoke(e);
            events.Add(e);
        }
        return events;
    }

    /// <summary>Writes the events as one NDJSON file and ingests it.</summary>
    public IngestSummary Ingest(IEnumerable<Dictionary<string, object?>> events)
    {
        var path = Db.WriteInput($"batch-{Interlocked.Increment(ref _files):D4}.ndjson", CloudTrailJson.Ndjson(events));
        return IngestPaths(path);
    }

    /// <summary>Writes model invocation log records (NDJSON) as one file and ingests it.</summary>
    public IngestSummary IngestInvocations(string ndjson) =>
        IngestPaths(Db.WriteInput($"invocations-{Interlocked.Increment(ref _files):D4}.json", ndjson));

    public IngestSummary IngestPaths(params string[] paths)
    {
        using var session = Db.Open();
        return new Ingestor(session, NullStatusSink.Instance).Run(paths);
    }

    public DetectSummary Detect(string? from, string to, RuleSettings? settings = null, string? now = null) =>
        Detect(from is null ? null : At(from), At(to), settings, now is null ? null : At(now));

    public DetectSummary Detect(DateTimeOffset? from, DateTimeOffset to, RuleSettings? settings = null, DateTimeOffset? now = null)
    {
        using var session = Db.Open();
        return new Detector(session, Rule, NullStatusSink.Instance).Run(new DetectRequest
        {
            From = from,
            To = to,
            Settings = settings,
            Now = now ?? DateTimeOffset.UtcNow,
        });
    }

    /// <summary>Every rule of <paramref name="rules"/> (all by default) in one detect run; slices of at most <paramref name="sliceEvents"/> events when set.</summary>
    public IReadOnlyList<DetectSummary> DetectAll(DateTimeOffset? from, DateTimeOffset to, IReadOnlyList<RuleDefinition>? rules = null,
        long? sliceEvents = null, DateTimeOffset? now = null)
    {
        using var session = Db.Open();
        return new Detector(session, rules ?? RuleCatalog.All, NullStatusSink.Instance).RunAll(new DetectRequest
        {
            From = from,
            To = to,
            SliceEvents = sliceEvents,
            Now = now ?? DateTimeOffset.UtcNow,
        });
    }

    /// <summary>Adds an exception to the rule (as `exceptions add` does, without re-evaluating); returns its id.</summary>
    public long AddException(string field, string op, string[] values, DateTimeOffset? expires = null, string reason = "test exception")
    {
        using var session = Db.Open();
        return session.InTransaction(tx => ExceptionStore.Add(session.Connection, new NewException
        {
            RuleId = Rule.Id,
            Field = field,
            Operator = op,
            Values = values,
            Reason = reason,
            ExpiresAt = expires,
            By = "tester",
        }, DateTimeOffset.UtcNow, tx));
    }

    public List<AlertRow> Alerts() => Db.Query<AlertRow>(
        """
        SELECT alert_id AS AlertId, window_start AS WindowStart, window_end AS WindowEnd, user_arn AS UserArn,
               account_id AS AccountId, model_id AS ModelId, inference_call_count AS Count,
               to_json(event_actions)::VARCHAR AS EventActions, to_json(source_ips)::VARCHAR AS SourceIps,
               first_seen AS FirstSeen, last_seen AS LastSeen,
               suppression_start AS SuppressionStart, suppression_end AS SuppressionEnd,
               suppressed_count AS SuppressedCount, created_at AS CreatedAt, updated_at AS UpdatedAt
        FROM alerts ORDER BY window_end, user_arn, account_id NULLS FIRST
        """);

    /// <summary>The alerts as comparable text, without created_at/updated_at (which depend on when runs happened).</summary>
    public List<string> AlertFingerprints() => Db.Query<string>(
        """
        SELECT to_json(a)::VARCHAR FROM (
            SELECT * EXCLUDE (created_at, updated_at) FROM alerts ORDER BY window_end, user_arn, account_id NULLS FIRST, alert_id
        ) a
        """);

    /// <summary>The evidence and timelines of the alerts as comparable text (alert, event; alert, model, bucket and counts).</summary>
    public List<string> EvidenceFingerprints() => Db.Query<string>(
        """
        SELECT alert_id || ' ' || coalesce(event_id, '') || ' ' || coalesce(model_id, '') FROM alert_events
        UNION ALL
        SELECT alert_id || ' ' || coalesce(model_id, '') || ' ' || strftime(bucket_start, '%Y-%m-%dT%H:%M') || ' ' || calls || ' ' || window_calls || ' ' || in_alert
        FROM alert_timeline
        ORDER BY 1
        """);

    public static string Json(object value) => JsonSerializer.Serialize(value);

    public void Dispose() => Db.Dispose();
}

/// <summary>The alert columns the tests look at.</summary>
public sealed record AlertRow
{
    public string AlertId { get; init; } = "";
    public DateTime WindowStart { get; init; }
    public DateTime WindowEnd { get; init; }
    public string UserArn { get; init; } = "";
    public string? AccountId { get; init; }
    public string ModelId { get; init; } = "";
    public long Count { get; init; }
    public string EventActions { get; init; } = "";
    public string SourceIps { get; init; } = "";
    public DateTime FirstSeen { get; init; }
    public DateTime LastSeen { get; init; }
    public DateTime SuppressionStart { get; init; }
    public DateTime SuppressionEnd { get; init; }
    public long SuppressedCount { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
}
