using Dapper;
using DuckDetect.Core.Rules;
using DuckDB.NET.Data;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Publishing;

/// <summary>The analyst database: written after every change, replaced whole, never in the job's way.</summary>
public sealed class PublishTests : IDisposable
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-03-02T01:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private readonly TempDatabase _db = new();

    private string Published => Path.Combine(_db.Folder, "test.alerts.duckdb");

    private CliResult Run(params string[] extra) =>
        Support.Cli.Run(["run", _db.InputFolder, "--db", _db.Path, "--to", "2026-03-02T06:00:00Z", .. SeedRule.Only, .. extra]);

    [Fact]
    public void Run_WritesTheAnalystDatabaseBesideTheJobsWithEveryTable()
    {
        ProbingInput.Write(_db, "probe", Start);
        File.WriteAllText(Path.Combine(_db.InputFolder, "broken.json"), "{\"Records\": [");

        var result = Run();

        Assert.Equal(65, result.ExitCode);
        using var analyst = OpenReadOnly(Published);
        var tables = analyst.Query<string>("SELECT table_name FROM duckdb_tables() ORDER BY 1").ToHashSet();
        Assert.Subset(tables, new HashSet<string>
        {
            "alerts", "retracted_alerts", "detection_candidates", "detect_runs", "rule_state", "ingested_files",
            "ingest_days", "rules", "alert_timeline", "alert_events", "alert_changes", "ingest_runs", "publish_info",
            "delivery_consumers",
        });
        Assert.DoesNotContain("cloudtrail_events", tables);
        var alert = analyst.QuerySingle<(string Id, long Count)>("SELECT alert_id, inference_call_count FROM alerts");
        Assert.Equal(_db.Scalar<string>("SELECT alert_id FROM alerts"), alert.Id);
        Assert.Equal(600L, analyst.ExecuteScalar<long>("SELECT count(*) FROM alert_events WHERE alert_id = $id", new { id = alert.Id }));
        Assert.Equal(alert.Count, analyst.ExecuteScalar<long>(
            "SELECT window_calls FROM alert_timeline t JOIN alerts a USING (alert_id) WHERE t.bucket_end = a.window_end AND t.model_id = a.model_id"));
        // Failed files with their error; totals per day for all of them.
        Assert.Equal("failed", analyst.ExecuteScalar<string>("SELECT status FROM ingested_files WHERE path LIKE '%broken.json'"));
        Assert.Equal(0L, analyst.ExecuteScalar<long>("SELECT count(*) FROM ingested_files WHERE status <> 'failed'"));
        Assert.Equal((600L, 1L), analyst.QuerySingle<(long, long)>("SELECT sum(events_new)::BIGINT, sum(files_failed)::BIGINT FROM ingest_days"));
        Assert.Equal((500L, 60, 10, 60), analyst.QuerySingle<(long, int, int, int)>(
            "SELECT threshold, window_minutes, interval_minutes, suppression_minutes FROM rules WHERE rule_id = $id", new { id = SeedRule.Id }));
        Assert.Equal(RuleCatalog.All.Count, analyst.ExecuteScalar<long>("SELECT count(*) FROM rules"));
        Assert.Contains("HAVING sum(b.calls) >= $threshold", analyst.ExecuteScalar<string>("SELECT query FROM rules WHERE rule_id = $id", new { id = SeedRule.Id }), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_db.Folder, "*.tmp-*"));
        Assert.False(File.Exists(Published + ".wal"));
        // The job's own checkpoint ran alongside the publish, and what the run committed is in the file.
        Assert.False(File.Exists(_db.Path + ".wal"));
        Assert.Equal(600L, _db.Scalar<long>("SELECT count(*) FROM cloudtrail_events"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Run_WhileAnAnalystHoldsThePublishedFile_SucceedsAndTheAnalystKeepsASnapshot(bool readOnly)
    {
        ProbingInput.Write(_db, "first", Start);
        Assert.Equal(0, Run().ExitCode);
        using var held = readOnly ? OpenReadOnly(Published) : OpenReadWrite(Published);
        if (!readOnly)
        {
            held.Execute("CREATE TABLE analyst_scratch AS SELECT 42 AS answer");
        }
        Assert.Equal(1L, held.ExecuteScalar<long>("SELECT count(*) FROM alerts"));

        ProbingInput.Write(_db, "second", Start.AddHours(2), arn: "arn:aws:iam::111122223333:user/second");
        var result = Run();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(2L, _db.Scalar<long>("SELECT count(*) FROM alerts"));
        // The analyst's session reads its snapshot on; a new session reads the new file (a copy of what the path
        // holds now: within one process DuckDB would hand back the instance it already has open for that path).
        Assert.Equal(1L, held.ExecuteScalar<long>("SELECT count(*) FROM alerts"));
        var now = Path.Combine(_db.Folder, "copy-of-published.duckdb");
        File.Copy(Published, now);
        using var fresh = OpenReadOnly(now);
        Assert.Equal(2L, fresh.ExecuteScalar<long>("SELECT count(*) FROM alerts"));
        Assert.Equal(1200L, fresh.ExecuteScalar<long>("SELECT count(*) FROM alert_events"));
        // What an analyst wrote into the old snapshot is not replayed onto the new one.
        Assert.False(File.Exists(Published + ".wal"));
        Assert.Equal(0L, fresh.ExecuteScalar<long>("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'analyst_scratch'"));
    }

    [Fact]
    public void Alerts_WhileTheJobsDatabaseIsHeld_ReadsTheAnalystDatabase()
    {
        ProbingInput.Write(_db, "probe", Start);
        Assert.Equal(0, Run().ExitCode);
        using var job = _db.Open();

        var result = Support.Cli.Run("alerts", "--db", _db.Path, "--format", "csv");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(DetectionFixture.Arn, result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WithNoPublish_WritesNoAnalystDatabase()
    {
        ProbingInput.Write(_db, "probe", Start);

        Assert.Equal(0, Run("--no-publish").ExitCode);

        Assert.False(File.Exists(Published));
    }

    [Fact]
    public void Run_PublishOptionAndEnvironment_NameTheFile()
    {
        ProbingInput.Write(_db, "probe", Start);
        var chosen = Path.Combine(_db.Folder, "shared", "alerts for analysts.duckdb");
        var fromEnvironment = Path.Combine(_db.Folder, "env.duckdb");

        Assert.Equal(0, Run("--publish", chosen).ExitCode);
        var env = Support.Cli.Run(["detect", "--db", _db.Path, "--to", "2026-03-02T06:10:00Z", .. SeedRule.Only],
            new Dictionary<string, string> { ["DUCKDETECT_PUBLISH"] = fromEnvironment });

        Assert.Equal(0, env.ExitCode);
        Assert.True(File.Exists(chosen));
        Assert.True(File.Exists(fromEnvironment));
        Assert.False(File.Exists(Published));
    }

    [Theory]
    [InlineData("--publish", "SAME")]
    [InlineData("--evidence-days", "-1")]
    [InlineData("--publish", "FOLDER")]
    public void Run_BadPublishOption_ExitsInvalidBeforeLoadingAnything(string option, string value)
    {
        ProbingInput.Write(_db, "probe", Start);
        var argument = value switch { "SAME" => _db.Path, "FOLDER" => _db.Folder, _ => value };

        var result = Run(option, argument);

        Assert.Equal(64, result.ExitCode);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.False(File.Exists(_db.Path) && _db.Scalar<long>("SELECT count(*) FROM cloudtrail_events") > 0);
    }

    [Fact]
    public void Publish_LeftoverTemporaryOfADeadProcess_IsRemoved()
    {
        ProbingInput.Write(_db, "probe", Start);
        var stale = Published + ".tmp-999999999";
        File.WriteAllText(stale, "half-written by a killed run");
        File.WriteAllText(stale + ".wal", "its log");

        Assert.Equal(0, Run().ExitCode);

        Assert.False(File.Exists(stale));
        Assert.False(File.Exists(stale + ".wal"));
        Assert.True(File.Exists(Published));
    }

    [Fact]
    public void Run_KilledWhilePublishing_LeavesThePreviousFileWholeAndTheNextRunPublishes()
    {
        ProbingInput.Write(_db, "first", Start);
        Assert.Equal(0, Run().ExitCode);
        ProbingInput.Write(_db, "second", Start.AddHours(2), arn: "arn:aws:iam::111122223333:user/second");
        using (var process = Support.Cli.Start(["run", _db.InputFolder, "--db", _db.Path, "--to", "2026-03-02T06:00:00Z", .. SeedRule.Only],
            new Dictionary<string, string> { ["DUCKDETECT_TEST_HOLD"] = "before-publish-rename" }))
        {
            ProbingInput.WaitForStderr(process, "holding at before-publish-rename", TimeSpan.FromMinutes(2));
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        Assert.Single(Directory.GetFiles(_db.Folder, "test.alerts.duckdb.tmp-*"));
        using (var previous = OpenReadOnly(Published))
        {
            Assert.Equal(1L, previous.ExecuteScalar<long>("SELECT count(*) FROM alerts"));
        }

        var next = Run();

        Assert.Equal(0, next.ExitCode);
        Assert.Empty(Directory.GetFiles(_db.Folder, "*.tmp-*"));
        var copy = Path.Combine(_db.Folder, "after-kill.duckdb");
        File.Copy(Published, copy);
        using var analyst = OpenReadOnly(copy);
        Assert.Equal(2L, analyst.ExecuteScalar<long>("SELECT count(*) FROM alerts"));
        Assert.Equal(1200L, analyst.ExecuteScalar<long>("SELECT count(*) FROM alert_events"));
    }

    [Fact]
    public void Publish_EvidenceDays_BoundsEvidenceByTheNewestAlert()
    {
        ProbingInput.Write(_db, "old", Start);
        ProbingInput.Write(_db, "new", Start.AddDays(3), arn: "arn:aws:iam::111122223333:user/later");

        Assert.Equal(0, Support.Cli.Run(["run", _db.InputFolder, "--db", _db.Path, "--to", "2026-03-06T00:00:00Z", "--evidence-days", "2", .. SeedRule.Only]).ExitCode);

        using var analyst = OpenReadOnly(Published);
        Assert.Equal(2L, analyst.ExecuteScalar<long>("SELECT count(*) FROM alerts"));
        Assert.Equal(["arn:aws:iam::111122223333:user/later"], analyst.Query<string>("SELECT DISTINCT user_arn FROM alert_events"));
        Assert.Equal(1L, analyst.ExecuteScalar<long>("SELECT count(DISTINCT alert_id) FROM alert_timeline"));
        Assert.Equal(2, analyst.ExecuteScalar<int>("SELECT evidence_days FROM publish_info"));
        // The job's database keeps all of it.
        Assert.Equal(2L, _db.Scalar<long>("SELECT count(DISTINCT alert_id) FROM alert_events"));
    }

    [Fact]
    public void Ingest_PublishesWhenItLoadedOrFailedAndNotWhenNothingChanged()
    {
        ProbingInput.Write(_db, "probe", Start);
        Assert.Equal(0, Support.Cli.Run("ingest", _db.InputFolder, "--db", _db.Path).ExitCode);
        var first = File.GetLastWriteTimeUtc(Published);
        Thread.Sleep(50);

        Assert.Equal(0, Support.Cli.Run("ingest", _db.InputFolder, "--db", _db.Path).ExitCode);

        Assert.Equal(first, File.GetLastWriteTimeUtc(Published));
    }

    private static DuckDBConnection OpenReadOnly(string path) => Open($"Data Source={path};ACCESS_MODE=READ_ONLY");

    private static DuckDBConnection OpenReadWrite(string path) => Open($"Data Source={path}");

    private static DuckDBConnection Open(string connectionString)
    {
        var connection = new DuckDBConnection(connectionString);
        connection.Open();
        return connection;
    }

    public void Dispose() => _db.Dispose();
}
