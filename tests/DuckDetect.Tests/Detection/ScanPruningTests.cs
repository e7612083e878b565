using System.Text.Json;
using Dapper;
using DuckDetect.Core.Detection;
using DuckDetect.Core.Rules;
using DuckDetect.Core.Storage;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Detection;

/// <summary>
/// Evaluating the newest windows of a database holding months of events does not rescan the months: DuckDB's profiler
/// counts the rows each table scan read, and the scheduled run's queries read a row group or two, not the history.
/// </summary>
public sealed class ScanPruningTests : IDisposable, IClassFixture<ScanPruningTests.History>
{
    private const long RowGroup = 122_880;
    private const long HistoryRows = 2_500_000;
    private readonly DetectionFixture _f = new();

    /// <summary>Each test works on its own copy of the history, which is written once for the class.</summary>
    public ScanPruningTests(History history)
    {
        ArgumentNullException.ThrowIfNull(history);
        File.Copy(history.Db.Path, _f.Db.Path);
    }

    /// <summary>Sixty days of history, appended in time order as ingest appends it, in batch 1.</summary>
    public sealed class History : IDisposable
    {
        public History()
        {
            using var session = Db.Open();
            session.Connection.Execute(
                """
                INSERT INTO cloudtrail_events (event_id, event_time, event_source, event_name, user_arn, account_id,
                    request_parameters, ingest_batch, ingested_at, source_file)
                SELECT 'history-' || i,
                       TIMESTAMPTZ '2026-01-01 00:00:00+00' + to_microseconds(i * (60 * 86400000000 // $rows)),
                       CASE WHEN i % 10 = 0 THEN 'bedrock.amazonaws.com' ELSE 's3.amazonaws.com' END,
                       CASE WHEN i % 10 = 0 THEN 'InvokeModel' ELSE 'GetObject' END,
                       'arn:aws:iam::111122223333:user/u' || (i % 97), '111122223333',
                       '{"modelId":"anthropic.claude-v2"}', 1, now(), 'history'
                FROM range($rows) t(i)
                """, new { rows = HistoryRows });
            session.Connection.ExecuteScalar<long>("SELECT nextval('ingest_batch_seq')"); // batch 1 is taken by the history
        }

        public TempDatabase Db { get; } = new();

        public void Dispose() => Db.Dispose();
    }

    [Fact]
    public void ScheduledDetect_NewestWindow_ReadsAFewRowGroupsNotTheHistory()
    {
        _f.Detect(null, "2026-03-01T23:50:00Z");
        _f.Ingest(_f.Burst(600, DetectionFixture.At("2026-03-01T23:10:00Z"), TimeSpan.FromMinutes(45)));

        // The one pass of a scheduled run of every rule reads the events of the widest window before the newest end
        // (the low-and-slow rule's day), not the history.
        var scanned = ProfileTally("2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z");

        Assert.True(scanned <= 3 * RowGroup, $"the newest windows' tally read {scanned:N0} of {HistoryRows:N0} rows");

        // The baseline rule, once its hourly counts hold the history (its first run keeps them), reads the tally and its
        // hourly counts: no event at all, not the 14 days of events before the window (the same database, to spare a second).
        var baseline = RuleCatalog.Get("1934bd11-f476-48cd-a252-1ccf6ad54042");
        using var session = _f.Db.Open();
        Dapper.SqlMapper.Execute(session.Connection, RuleText.Get(baseline.History!.StateSql), new { rule_id = baseline.Id, last_batch = 0L, max_batch = 10L });
        var baselineScanned = Profile(session, Tally(10) + ";\n" + RuleText.Query(baseline, baseline.Settings), new
        {
            events_from = DetectionFixture.At("2026-03-01T23:00:00Z").UtcDateTime,
            events_to = DetectionFixture.At("2026-03-02T00:00:00Z").UtcDateTime,
            bucket_minutes = 10,
            first_end = DetectionFixture.At("2026-03-02T00:00:00Z").UtcDateTime,
            last_end = DetectionFixture.At("2026-03-02T00:00:00Z").UtcDateTime,
            threshold = 100L,
            interval_minutes = 10,
            window_minutes = 60,
            rule_id = baseline.Id,
            factor = 10L,
            baseline_days = 14L,
        });
        Assert.Equal(0, baselineScanned);
    }

    [Fact]
    public void LateWindowSelection_ReadsOnlyTheNewBatches()
    {
        _f.Detect(null, "2026-03-01T23:50:00Z");
        _f.Ingest(_f.Burst(10, DetectionFixture.At("2026-01-15T10:00:00Z"), TimeSpan.FromMinutes(5)));

        using var session = _f.Db.Open();
        var scanned = Profile(session, SqlScripts.Get("detect/window_ends_table.sql") + ";\n"
            + SqlText.Fill(SqlScripts.Get("detect/window_ends_late.sql"), RuleSource.CloudTrail.Fragments), new
        {
            rule_id = _f.Rule.Id,
            last_batch = 1L,
            max_batch = 10L,
            checkpoint = DetectionFixture.At("2026-03-01T23:50:00Z").UtcDateTime,
            interval_minutes = 10,
            window_minutes = 60,
            lookback_minutes = 0,
        });
        var late = session.Connection.ExecuteScalar<long>("SELECT count(*) FROM detect_window_ends");

        Assert.Equal(6L, late);
        Assert.True(scanned <= 2 * RowGroup, $"late-window selection read {scanned:N0} of {HistoryRows:N0} rows");
    }

    [Fact]
    public void ScheduledDetect_NewestWindow_FindsTheBurst()
    {
        _f.Detect(null, "2026-03-01T23:50:00Z");
        _f.Ingest(_f.Burst(600, DetectionFixture.At("2026-03-01T23:10:00Z"), TimeSpan.FromMinutes(45)));

        var run = _f.Detect(null, "2026-03-02T00:00:00Z");

        Assert.Equal(1, run.AlertsNew);
        Assert.True(run.LateWindows >= 1);
    }

    /// <summary>The rows the tally of the events of [from, to) reads from cloudtrail_events.</summary>
    private long ProfileTally(string from, string to)
    {
        using var session = _f.Db.Open();
        return Profile(session, Tally(10), new
        {
            events_from = DetectionFixture.At(from).UtcDateTime,
            events_to = DetectionFixture.At(to).UtcDateTime,
            bucket_minutes = 10,
        });
    }

    /// <summary>The statements that make and fill the tally of <paramref name="minutes"/>-minute buckets.</summary>
    private static string Tally(int minutes)
    {
        var table = new Dictionary<string, string> { ["tally"] = RuleText.TallyTable(minutes), ["minutes"] = minutes.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        return RuleText.Fill("detect/stages/tally_create.sql", table).TrimEnd() + ";\n" + TallyStages.AppendSql(minutes);
    }

    /// <summary>Runs the SQL with DuckDB's profiler on and returns the rows its table scans read from cloudtrail_events.</summary>
    private static long Profile(DuckDbSession session, string sql, object parameters)
    {
        var output = Path.Combine(Path.GetTempPath(), $"duckdetect-profile-{Guid.NewGuid():N}.json");
        var c = session.Connection;
        c.Execute("PRAGMA enable_profiling = 'json'");
        c.Execute($"PRAGMA profiling_output = {SqlText.Literal(output)}");
        c.Execute("""SET custom_profiling_settings = '{"OPERATOR_ROWS_SCANNED": "true", "EXTRA_INFO": "true"}'""");
        try
        {
            var statements = sql.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var statement in statements.Take(statements.Length - 1))
            {
                c.Execute(statement, parameters);
            }
            c.Query(statements[^1], parameters).AsList();
            using var profile = JsonDocument.Parse(File.ReadAllText(output));
            return Scans(profile.RootElement);
        }
        finally
        {
            c.Execute("PRAGMA disable_profiling");
            File.Delete(output);
        }
    }

    private static long Scans(JsonElement node)
    {
        long rows = 0;
        if (node.TryGetProperty("operator_type", out var type) && type.GetString() == "TABLE_SCAN"
            && node.TryGetProperty("extra_info", out var info) && info.ToString().Contains("cloudtrail_events", StringComparison.Ordinal))
        {
            rows += node.GetProperty("operator_rows_scanned").GetInt64();
        }
        if (node.TryGetProperty("children", out var children))
        {
            foreach (var child in children.EnumerateArray())
            {
                rows += Scans(child);
            }
        }
        return rows;
    }

    public void Dispose() => _f.Dispose();
}
