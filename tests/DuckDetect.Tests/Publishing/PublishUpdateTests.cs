using Dapper;
using DuckDB.NET.Data;
using DuckDetect.Core;
using DuckDetect.Core.Exceptions;
using DuckDetect.Core.Publishing;
using DuckDetect.Core.Triage;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Publishing;

/// <summary>A publish that updates a copy of the last analyst database gives exactly what writing it afresh gives.</summary>
public sealed class PublishUpdateTests : IDisposable
{
    private static readonly string[] Tables =
    [
        "alerts", "retracted_alerts", "detection_candidates", "alert_changes", "detect_runs", "ingest_runs", "rule_state",
        "delivery_consumers", "ingested_files", "ingest_days", "rules", "alert_timeline", "alert_events",
        "alert_triage", "rule_exceptions", "alert_status", "principal_view_alerts", "principal_views",
    ];

    private readonly DetectionFixture _f = new();

    private static DateTimeOffset T(string iso) => DetectionFixture.At(iso);

    private string Updated => Path.Combine(_f.Db.Folder, "updated.alerts.duckdb");

    private string Afresh => Path.Combine(_f.Db.Folder, "afresh.alerts.duckdb");

    private string Updated0 => Path.Combine(_f.Db.Folder, "updated0.alerts.duckdb");

    private string Afresh0 => Path.Combine(_f.Db.Folder, "afresh0.alerts.duckdb");

    /// <summary>
    /// One schedule publishing two analyst databases after every run, with the evidence of 7 days and of none (the
    /// bound moving with each new alert), and analysts' decisions between runs.
    /// </summary>
    [Fact]
    public void Publish_AfterEachScheduledRunWithLateData_EqualsAFreshPublish()
    {
        var targets = new[] { new PublishTarget(Updated, 7), new PublishTarget(Updated0, 0) };
        var modes = new List<string>();
        void PublishAll(Core.Storage.DuckDbSession session, DateTimeOffset tick) =>
            modes.AddRange(targets.Select(t => AnalystDatabase.Publish(session, t, tick).Mode));
        var files = Deliveries();
        var delivered = 0;
        var end = T("2026-03-02T06:30:00Z");
        var every = TimeSpan.FromMinutes(TestStrength.Pick(30, 10));
        // A run every 10 minutes (30 in a quick run): each publish updates the copy the one before wrote (the rule's 10-minute schedule
        // is ScheduleTests' concern).
        for (var tick = T("2026-03-02T00:00:00Z"); tick <= end; tick += every)
        {
            var due = files.Skip(delivered).TakeWhile(f => f.DeliveredAt <= tick).Select(f => f.Path).ToArray();
            delivered += due.Length;
            if (due.Length > 0)
            {
                _f.IngestPaths(due);
            }
            if (tick == T("2026-03-02T02:00:00Z"))
            {
                // A file that fails, recorded with its error (and in the day's totals).
                _f.IngestPaths(_f.Db.WriteInput("bad/broken.json", "this is not CloudTrail"));
            }
            if (tick == T("2026-03-02T04:00:00Z"))
            {
                // An ingest that finds nothing new (every file unchanged), then the broken file mended and loaded.
                _f.IngestPaths(files.Take(delivered).Select(f => f.Path).ToArray());
                _f.IngestPaths(_f.Db.WriteInput("bad/broken.json", CloudTrailJson.Ndjson(_f.Burst(3, T("2026-03-02T03:50:00Z"), TimeSpan.FromMinutes(5)))));
            }
            _f.Detect(null, tick, now: tick);
            using var session = _f.Db.Open();
            PublishAll(session, tick);
            if (tick == T("2026-03-02T04:30:00Z"))
            {
                // Principal views of another lookback, then the default again: every view written again, twice.
                modes.AddRange(targets.Select(t => AnalystDatabase.Publish(session, t with { LookbackMinutes = 90 }, tick).Mode));
            }
            // A consumer takes the alerts: its cursor moves, published without a detect run.
            if (tick == T("2026-03-02T02:30:00Z") || tick == T("2026-03-02T06:00:00Z"))
            {
                using var sink = new MemoryStream();
                Core.Delivery.AlertDelivery.Deliver(session, "siem", Core.Alerts.AlertFormat.Ndjson, sink);
                PublishAll(session, tick);
            }
            // Analysts' decisions between runs are published without a detect run.
            if (tick == T("2026-03-02T03:00:00Z"))
            {
                var ids = session.Connection.Query<string>("SELECT alert_id FROM alerts").AsList();
                session.InTransaction(tx => TriageStore.Record(session.Connection,
                    new TriageChange { AlertIds = ids, Status = "closed", Reason = "benign", By = "analyst" }, tick, tx));
                PublishAll(session, tick);
            }
            if (tick == T("2026-03-02T05:00:00Z"))
            {
                session.Dispose();
                var id = _f.AddException("user_arn", "is", ["arn:aws:iam::111122223333:user/sustained"]);
                using var again = _f.Db.Open();
                PublishAll(again, tick);
                again.InTransaction(tx => ExceptionStore.Remove(again.Connection, id, "analyst", "done", tick, tx));
            }
        }
        using (var session = _f.Db.Open())
        {
            Assert.Equal("full", AnalystDatabase.Publish(session, new PublishTarget(Afresh, 7), end, allowUpdate: false).Mode);
            Assert.Equal("full", AnalystDatabase.Publish(session, new PublishTarget(Afresh0, 0), end, allowUpdate: false).Mode);
        }

        Assert.Equal(["full", "full"], modes.Take(2));
        Assert.All(modes.Skip(2), m => Assert.Equal("update", m));
        Assert.True(_f.Db.Scalar<long>("SELECT count(*) FROM retracted_alerts") > 0, "the scenario should retract an alert");
        Assert.Equal(0L, _f.Db.Scalar<long>("SELECT count(*) FROM ingested_files WHERE status = 'failed'"));
        Assert.True(_f.Db.Scalar<long>("SELECT count(*) FROM ingest_runs WHERE files_loaded + files_failed = 0") > 0, "an ingest should find nothing new");
        Assert.Equal(1L, _f.Db.Scalar<long>("SELECT count(*) FROM delivery_consumers"));
        AssertSameTables(Updated, Afresh);
        AssertSameTables(Updated0, Afresh0);
    }

    /// <summary>An update writes only the parts that are behind: the publish stays small when little changed.</summary>
    [Fact]
    public void Publish_Update_WritesOnlyThePartsThatAreBehind()
    {
        DetectOneProbingAlert();
        var target = new PublishTarget(Updated, 7);
        using (var session = _f.Db.Open())
        {
            Assert.Equal("full", AnalystDatabase.Publish(session, target, T("2026-03-02T04:00:00Z")).Mode);
            // Nothing since the last publish: the snapshot's state only.
            Assert.Equal(["state"], AnalystDatabase.Publish(session, target, T("2026-03-02T04:00:00Z")).Parts);
        }

        // A scheduled detect that raised nothing new: its candidates and runs, and the state.
        _f.Detect(null, "2026-03-02T04:10:00Z");
        using (var session = _f.Db.Open())
        {
            Assert.Equal(["runs", "state"], AnalystDatabase.Publish(session, target, T("2026-03-02T04:10:00Z")).Parts);
        }

        // An ingest that loaded a file and a detect that raised an alert: those parts too (the alert's content signals
        // among them).
        _f.Ingest(_f.Burst(600, T("2026-03-02T05:00:00Z"), TimeSpan.FromMinutes(50), e => ((Dictionary<string, object?>)e["userIdentity"]!)["arn"] = "arn:aws:iam::111122223333:user/other"));
        _f.Detect(null, "2026-03-02T06:00:00Z");
        using (var session = _f.Db.Open())
        {
            Assert.Equal(["alerts", "runs", "signals", "ingest", "files", "evidence", "principals", "state"],
                AnalystDatabase.Publish(session, target, T("2026-03-02T06:00:00Z")).Parts);
        }

        // A consumer taking the alerts: its cursor only.
        using (var session = _f.Db.Open())
        {
            using var sink = new MemoryStream();
            Core.Delivery.AlertDelivery.Deliver(session, "siem", Core.Alerts.AlertFormat.Ndjson, sink);
            Assert.Equal(["state", "delivery_consumers"], AnalystDatabase.Publish(session, target, T("2026-03-02T06:00:00Z")).Parts);
        }
        using (var session = _f.Db.Open())
        {
            Assert.Equal("full", AnalystDatabase.Publish(session, new PublishTarget(Afresh, 7), T("2026-03-02T06:00:00Z"), allowUpdate: false).Mode);
        }
        AssertSameTables(Updated, Afresh);
    }

    /// <summary>
    /// An alert the copy had, extended by a later run (which adds the rows of its new counted events and keeps the
    /// rest): the update adds those rows to the copy's and equals a fresh publish.
    /// </summary>
    [Fact]
    public void Publish_AnAlertExtendedSinceTheCopy_EqualsAFreshPublish()
    {
        _f.Ingest(_f.Burst(600, T("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50)));
        _f.Detect(null, "2026-03-02T02:00:00Z");
        var target = new PublishTarget(Updated, 7);
        using (var session = _f.Db.Open())
        {
            Assert.Equal("full", AnalystDatabase.Publish(session, target, T("2026-03-02T02:00:00Z")).Mode);
        }
        _f.Ingest(_f.Burst(100, T("2026-03-02T02:00:00Z"), TimeSpan.FromMinutes(20)));
        _f.Detect(null, "2026-03-02T04:00:00Z");
        using (var session = _f.Db.Open())
        {
            Assert.Equal(2L, session.Connection.ExecuteScalar<long>("SELECT count(DISTINCT detect_run_id) FROM alert_events"));
            Assert.Contains("evidence", AnalystDatabase.Publish(session, target, T("2026-03-02T04:00:00Z")).Parts);
            Assert.Equal("full", AnalystDatabase.Publish(session, new PublishTarget(Afresh, 7), T("2026-03-02T04:00:00Z"), allowUpdate: false).Mode);
        }
        AssertSameTables(Updated, Afresh);
    }

    /// <summary>
    /// An alert the copy had, written again by a later run with fewer counted events (as when an exception drops one of
    /// its models): the update takes the rows away and the kept rows take the later run, as a fresh publish has them.
    /// </summary>
    [Fact]
    public void Publish_ARefreshedAlertWithFewerEvents_EqualsAFreshPublish()
    {
        DetectOneProbingAlert();
        var target = new PublishTarget(Updated, 7);
        using (var session = _f.Db.Open())
        {
            Assert.Equal("full", AnalystDatabase.Publish(session, target, T("2026-03-02T04:00:00Z")).Mode);
            var run = session.Connection.ExecuteScalar<long>("SELECT max(run_id) + 1 FROM detect_runs");
            var alert = session.Connection.ExecuteScalar<string>("SELECT min(alert_id) FROM alert_events")!;
            var before = session.Connection.ExecuteScalar<long>("SELECT count(*) FROM alert_events WHERE alert_id = $alert", new { alert });
            session.Connection.Execute(
                """
                DELETE FROM alert_events WHERE alert_id = $alert AND event_id IN (SELECT event_id FROM alert_events WHERE alert_id = $alert ORDER BY event_id LIMIT 100);
                UPDATE alert_events SET detect_run_id = $run WHERE alert_id = $alert;
                UPDATE alert_timeline SET detect_run_id = $run, calls = calls + 1 WHERE alert_id = $alert;
                """, new { alert, run });
            Assert.Equal(before - 100, session.Connection.ExecuteScalar<long>("SELECT count(*) FROM alert_events WHERE alert_id = $alert", new { alert }));
            Assert.Contains("evidence", AnalystDatabase.Publish(session, target, T("2026-03-02T04:00:00Z")).Parts);
            Assert.Equal("full", AnalystDatabase.Publish(session, new PublishTarget(Afresh, 7), T("2026-03-02T04:00:00Z"), allowUpdate: false).Mode);
        }
        AssertSameTables(Updated, Afresh);
    }

    [Fact]
    public void Publish_FileChangedSinceTheJobWroteIt_IsWrittenAfresh()
    {
        DetectOneProbingAlert();
        using var session = _f.Db.Open();
        var target = new PublishTarget(Updated, 7);
        Assert.Equal("full", AnalystDatabase.Publish(session, target, DateTimeOffset.UtcNow).Mode);
        Assert.Equal("update", AnalystDatabase.Publish(session, target, DateTimeOffset.UtcNow).Mode);

        // An analyst wrote into it: the next publish does not build on what they changed.
        using (var analyst = new DuckDBConnection($"Data Source={Updated}"))
        {
            analyst.Open();
            analyst.Execute("DELETE FROM alerts");
            analyst.Execute("CHECKPOINT");
        }
        Assert.Equal("full", AnalystDatabase.Publish(session, target, DateTimeOffset.UtcNow).Mode);
        Assert.Equal("full", AnalystDatabase.Publish(session, target with { EvidenceDays = 3 }, DateTimeOffset.UtcNow).Mode);
        // Written by an older schema (a migration since may have added a column to a published table): afresh.
        Assert.Equal("update", AnalystDatabase.Publish(session, target with { EvidenceDays = 3 }, DateTimeOffset.UtcNow).Mode);
        session.Connection.Execute("UPDATE published_files SET format_version = format_version - 1");
        Assert.Equal("full", AnalystDatabase.Publish(session, target with { EvidenceDays = 3 }, DateTimeOffset.UtcNow).Mode);

        using var check = new DuckDBConnection($"Data Source={Updated};ACCESS_MODE=READ_ONLY");
        check.Open();
        Assert.Equal(1L, check.ExecuteScalar<long>("SELECT count(*) FROM alerts"));
    }

    /// <summary>600 calls of one principal on one model within 50 minutes, detected up to 04:00: one alert.</summary>
    private void DetectOneProbingAlert()
    {
        _f.Ingest(_f.Burst(600, T("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50)));
        _f.Detect(null, "2026-03-02T04:00:00Z");
    }

    /// <summary>Every published table holds the same rows in both files (as multisets).</summary>
    private static void AssertSameTables(string a, string b)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        connection.Execute($"ATTACH '{a}' AS a (READ_ONLY); ATTACH '{b}' AS b (READ_ONLY)");
        foreach (var table in Tables)
        {
            var rows = connection.ExecuteScalar<long>($"SELECT count(*) FROM a.{table}");
            var differ = connection.ExecuteScalar<long>(
                $"SELECT (SELECT count(*) FROM (FROM a.{table} EXCEPT ALL FROM b.{table})) + (SELECT count(*) FROM (FROM b.{table} EXCEPT ALL FROM a.{table}))");
            Assert.True(differ == 0, $"{table}: {differ} row(s) differ of {rows}");
        }
        Assert.True(connection.ExecuteScalar<long>("SELECT count(*) FROM a.alert_events") > 0 || connection.ExecuteScalar<int>("SELECT evidence_days FROM a.publish_info") == 0);
    }

    /// <summary>Probing of several principals, delivered 1 to 15 minutes late in 5-minute files, one of them far later.</summary>
    private List<(DateTimeOffset DeliveredAt, string Path)> Deliveries()
    {
        static Action<Dictionary<string, object?>> As(string arn) => e => ((Dictionary<string, object?>)e["userIdentity"]!)["arn"] = arn;
        var events = new List<(Dictionary<string, object?> Event, TimeSpan Delay)>();
        var random = new Random(7);
        void Add(IEnumerable<Dictionary<string, object?>> burst, TimeSpan? delay = null) =>
            events.AddRange(burst.Select(e => (e, delay ?? TimeSpan.FromSeconds(random.Next(60, 900)))));
        Add(_f.Burst(900, T("2026-03-02T00:30:00Z"), TimeSpan.FromMinutes(40), As("arn:aws:iam::111122223333:user/loud")));
        Add(_f.Burst(2400, T("2026-03-02T01:00:00Z"), TimeSpan.FromHours(4), As("arn:aws:iam::111122223333:user/sustained")));
        Add(_f.Burst(600, T("2026-03-02T04:00:00Z"), TimeSpan.FromMinutes(50), As("arn:aws:iam::111122223333:user/retracted")));
        // The same principal's earlier probing arrives two hours late: it retracts the alert above.
        Add(_f.Burst(600, T("2026-03-02T03:20:00Z"), TimeSpan.FromMinutes(40), As("arn:aws:iam::111122223333:user/retracted")), TimeSpan.FromHours(2));
        Add(_f.Burst(1500, T("2026-03-02T00:00:00Z"), TimeSpan.FromHours(8), As("arn:aws:iam::111122223333:user/background")));
        return events
            .GroupBy(e => Slot(DateTimeOffset.Parse((string)e.Event["eventTime"]!, System.Globalization.CultureInfo.InvariantCulture) + e.Delay))
            .OrderBy(g => g.Key)
            .Select(g => (g.Key, _f.Db.WriteInput($"delivery/{g.Key:yyyyMMddTHHmm}.ndjson", CloudTrailJson.Ndjson(g.Select(e => e.Event)))))
            .ToList();
    }

    private static DateTimeOffset Slot(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.FromMinutes(5).Ticks), TimeSpan.Zero);

    public void Dispose() => _f.Dispose();
}
