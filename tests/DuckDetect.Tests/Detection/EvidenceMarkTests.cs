using Dapper;
using DuckDetect.Core;
using DuckDetect.Core.Exceptions;
using DuckDetect.Core.Storage;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Detection;

/// <summary>
/// An alert whose evidence was gathered before from the same basis (alert_evidence_marks) takes in only the events of
/// later ingest batches: its alert_events and alert_timeline end up exactly as gathering them again whole from every
/// event gives them (a backfill of the same events), across scheduled runs, late events, an exception added after the
/// alert and files delivered again.
/// </summary>
public sealed class EvidenceMarkTests : IDisposable
{
    private const string OtherModel = "amazon.titan-text-express-v1";
    private const string Other = "arn:aws:iam::111122223333:user/second";

    private readonly DetectionFixture _f = new();

    private static DateTimeOffset T(string iso) => DetectionFixture.At(iso);

    /// <summary>
    /// A run every 10 minutes over an alert (600 calls in [01:00, 01:50): windows ending 01:50 and 02:00) whose
    /// timeline then takes in calls arriving in later batches without changing it, late calls inside its opening
    /// window (its count changes, its windows do not), a file delivered again, and a second principal's alert raised
    /// meanwhile: evidence and timelines equal a backfill's, and the unchanged alert kept its first rows.
    /// </summary>
    [Fact]
    public void Schedule_WithNewAndLateBatchesAndARedeliveredFile_EqualsABackfill()
    {
        var batches = new List<(DateTimeOffset At, List<Dictionary<string, object?>> Events)>
        {
            (T("2026-03-02T01:50:00Z"), _f.Burst(600, T("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50))),
            (T("2026-03-02T02:40:00Z"), _f.Burst(12, T("2026-03-02T02:20:00Z"), TimeSpan.FromMinutes(20))),
            (T("2026-03-02T03:00:00Z"), _f.Burst(7, T("2026-03-02T02:40:00Z"), TimeSpan.FromMinutes(20))),
            // Late: inside the alert's opening window, delivered an hour after.
            (T("2026-03-02T02:50:00Z"), _f.Burst(5, T("2026-03-02T01:20:00Z"), TimeSpan.FromMinutes(10))),
            // Another principal's alert, while the first one's timeline is still taking calls in.
            (T("2026-03-02T02:50:00Z"), _f.Burst(550, T("2026-03-02T02:00:00Z"), TimeSpan.FromMinutes(40), e => Principal(e, Other))),
        };
        var files = new List<string>();
        var first = T("2026-03-02T01:00:00Z");
        for (var tick = first; tick <= T("2026-03-02T04:00:00Z"); tick += TimeSpan.FromMinutes(10))
        {
            foreach (var (_, events) in batches.Where(b => b.At == tick))
            {
                files.Add(_f.Db.WriteInput($"batch-{files.Count:D2}.ndjson", CloudTrailJson.Ndjson(events)));
                _f.IngestPaths(files[^1]);
            }
            if (tick == T("2026-03-02T03:10:00Z"))
            {
                // The first file again, under another name: a batch with no new event.
                var again = _f.Db.WriteInput("redelivered/batch-00.ndjson", File.ReadAllText(files[0]));
                _f.IngestPaths(again);
            }
            _f.Detect(null, tick, now: tick);
        }

        var firstAlert = _f.Alerts().First(a => a.UserArn == DetectionFixture.Arn);
        Assert.Equal(2, _f.Alerts().Count);
        Assert.Equal(605L, firstAlert.Count);
        // Its first rows kept the run that wrote them; the late and tail calls came in later runs.
        Assert.Equal(600L, _f.Db.Scalar<long>(
            "SELECT count(*) FROM alert_events WHERE alert_id = $id AND detect_run_id = (SELECT min(detect_run_id) FROM alert_events WHERE alert_id = $id)",
            new { id = firstAlert.AlertId }));
        Assert.Equal(624L, _f.Db.Scalar<long>("SELECT sum(calls)::BIGINT FROM alert_timeline WHERE alert_id = $id", new { id = firstAlert.AlertId }));
        Assert.Equal(_f.Db.Scalar<long>("SELECT max(ingest_batch) FROM cloudtrail_events"),
            _f.Db.Scalar<long>("SELECT min(last_batch) FROM alert_evidence_marks"));
        Assert.Equal(Evidence(_f), Backfill(batches.Select(b => b.Events), "2026-03-02T04:00:00Z"));
    }

    /// <summary>
    /// The unchanged alert's older events are not read again: an event taken out of the store behind detect's back
    /// stays in its evidence (gathering it again whole would drop it), while the new batch's calls come in.
    /// </summary>
    [Fact]
    public void UnchangedAlert_TakesInOnlyTheNewBatches()
    {
        _f.Ingest(_f.Burst(600, T("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50)));
        _f.Detect(null, "2026-03-02T02:20:00Z");
        var alert = Assert.Single(_f.Alerts());
        var removed = _f.Db.Scalar<string>("SELECT min(event_id) FROM alert_events");
        using (var session = _f.Db.Open())
        {
            session.Connection.Execute("DELETE FROM cloudtrail_events WHERE event_id = $removed", new { removed });
        }

        _f.Ingest(_f.Burst(9, T("2026-03-02T02:20:00Z"), TimeSpan.FromMinutes(10)));
        _f.Detect(null, "2026-03-02T02:30:00Z");

        Assert.Equal(1L, _f.Db.Scalar<long>("SELECT count(*) FROM alert_events WHERE event_id = $removed", new { removed }));
        Assert.Equal(600L, _f.Db.Scalar<long>("SELECT count(*) FROM alert_events WHERE alert_id = $id", new { id = alert.AlertId }));
        Assert.Equal(9L, _f.Db.Scalar<long>(
            "SELECT sum(calls)::BIGINT FROM alert_timeline WHERE alert_id = $id AND bucket_start >= TIMESTAMPTZ '2026-03-02 02:20:00+00'",
            new { id = alert.AlertId }));
        // A detect with no new batch leaves evidence and timeline as they are, run ids included.
        var before = Evidence(_f, withRuns: true);
        _f.Detect(null, "2026-03-02T02:40:00Z");
        Assert.Equal(before, Evidence(_f, withRuns: true));
    }

    /// <summary>
    /// An exception added after the alert drops one of its models: the alert changed, so it is gathered again whole;
    /// the batches after that are taken in on the new basis. Equal to a backfill with the exception from the start.
    /// </summary>
    [Fact]
    public void ExceptionAddedAfterTheAlert_GathersItAgainWhole_ThenAppends()
    {
        var batches = new List<List<Dictionary<string, object?>>>
        {
            _f.Burst(600, T("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50)),
            _f.Burst(550, T("2026-03-02T01:10:00Z"), TimeSpan.FromMinutes(50), e => Model(e, OtherModel)),
            _f.Burst(8, T("2026-03-02T02:20:00Z"), TimeSpan.FromMinutes(20)),
            _f.Burst(6, T("2026-03-02T02:30:00Z"), TimeSpan.FromMinutes(20), e => Model(e, OtherModel)),
        };
        _f.Ingest(batches[0]);
        _f.Ingest(batches[1]);
        _f.Detect(null, "2026-03-02T02:10:00Z");
        Assert.Equal(2L, _f.Db.Scalar<long>("SELECT count(DISTINCT model_id) FROM alert_events"));

        _f.AddException("model_id", "is", [OtherModel]);
        using (var session = _f.Db.Open())
        {
            session.InTransaction(tx => ExceptionReevaluation.Run(session, _f.Rule, T("2026-03-02T00:00:00Z"), NullStatusSink.Instance, tx));
        }
        _f.Ingest(batches[2]);
        _f.Ingest(batches[3]);
        _f.Detect(null, "2026-03-02T03:30:00Z");

        Assert.Equal([DetectionFixture.Model], _f.Db.Query<string>("SELECT DISTINCT model_id FROM alert_events"));
        Assert.Equal(Evidence(_f), Backfill(batches, "2026-03-02T03:30:00Z", exceptModel: OtherModel));
    }

    /// <summary>A prune and a what-if reset forget the marks: the next refresh gathers the alerts' evidence whole.</summary>
    [Fact]
    public void PruneAndWhatIfReset_ForgetTheMarks()
    {
        _f.Ingest(_f.Burst(600, T("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50)));
        _f.Detect(null, "2026-03-02T02:20:00Z");
        Assert.Equal(1L, _f.Db.Scalar<long>("SELECT count(*) FROM alert_evidence_marks"));
        using (var session = _f.Db.Open())
        {
            session.Connection.Execute(SqlScripts.Get("retention/horizon.sql"), new { before = T("2026-03-01T00:00:00Z").UtcDateTime, now = DateTime.UtcNow });
        }
        Assert.Equal(0L, _f.Db.Scalar<long>("SELECT count(*) FROM alert_evidence_marks"));
        _f.Detect(null, "2026-03-02T02:30:00Z");
        Assert.Equal(1L, _f.Db.Scalar<long>("SELECT count(*) FROM alert_evidence_marks"));
        using (var session = _f.Db.Open())
        {
            session.Connection.Execute(SqlScripts.Get("detect/reset_what_if.sql"));
        }
        Assert.Equal(0L, _f.Db.Scalar<long>("SELECT count(*) FROM alert_evidence_marks"));
    }

    private static void Principal(Dictionary<string, object?> e, string arn) =>
        ((Dictionary<string, object?>)e["userIdentity"]!)["arn"] = arn;

    private static void Model(Dictionary<string, object?> e, string model) =>
        e["requestParameters"] = new Dictionary<string, object?> { ["modelId"] = model };

    /// <summary>
    /// Every column of alert_events and alert_timeline as comparable text, without the runs unless asked and without
    /// the events' file names (a backfill loads them from one file).
    /// </summary>
    private static List<string> Evidence(DetectionFixture f, bool withRuns = false)
    {
        var exclude = withRuns ? "" : ", detect_run_id";
        return f.Db.Query<string>(
            $"""
            SELECT 'event ' || to_json(e)::VARCHAR FROM (SELECT * EXCLUDE (source_file{exclude}) FROM alert_events) e
            UNION ALL
            SELECT 'bucket ' || to_json(t)::VARCHAR FROM (SELECT *{(withRuns ? "" : " EXCLUDE (detect_run_id)")} FROM alert_timeline) t
            ORDER BY 1
            """).AsList();
    }

    /// <summary>The evidence of a fresh database holding the same events, detected in one run up to <paramref name="to"/>.</summary>
    private static List<string> Backfill(IEnumerable<List<Dictionary<string, object?>>> batches, string to, string? exceptModel = null)
    {
        using var backfill = new DetectionFixture();
        backfill.Ingest(batches.SelectMany(b => b));
        if (exceptModel is not null)
        {
            backfill.AddException("model_id", "is", [exceptModel]);
        }
        backfill.Detect(null, to);
        return Evidence(backfill);
    }

    public void Dispose() => _f.Dispose();
}
