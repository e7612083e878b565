using Dapper;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Reliability;

/// <summary>Database files that cannot be used, and a database held by another process.</summary>
public sealed class DatabaseFileTests : IDisposable
{
    private readonly TempDatabase _db = new();

    [Fact]
    public void AnyCommand_FileThatIsNotDuckDb_ExitsDatabaseUnusable()
    {
        File.WriteAllText(_db.Path, "this is a text file, not a database\n");

        var result = Support.Cli.Run("alerts", "--db", _db.Path);

        Assert.Equal(74, result.ExitCode);
        Assert.Contains(_db.Path, result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Equal("this is a text file, not a database\n", File.ReadAllText(_db.Path));
    }

    [Fact]
    public void AnyCommand_NewerSchemaVersion_ExitsDatabaseUnusableAndLeavesFileAlone()
    {
        using (var session = _db.Open())
        {
            session.Connection.Execute("INSERT INTO duckdetect_schema (version, script) VALUES (999, 'from the future')");
        }

        var result = Support.Cli.Run("detect", "--db", _db.Path);

        Assert.Equal(74, result.ExitCode);
        Assert.Contains("schema version 999", result.Stderr, StringComparison.Ordinal);
        using var raw = new DuckDB.NET.Data.DuckDBConnection($"Data Source={_db.Path}");
        raw.Open();
        Assert.Equal(999, raw.ExecuteScalar<int>("SELECT max(version) FROM duckdetect_schema"));
    }

    [Fact]
    public void AnyCommand_DuckDbFileOfAnotherApplication_ExitsDatabaseUnusable()
    {
        using (var connection = new DuckDB.NET.Data.DuckDBConnection($"Data Source={_db.Path}"))
        {
            connection.Open();
            connection.Execute("CREATE TABLE invoices (id INTEGER)");
        }

        var result = Support.Cli.Run("ingest", _db.InputFolder, "--db", _db.Path);

        Assert.Equal(74, result.ExitCode);
        Assert.Contains("not a DuckDetect database", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WhileAProgramThatIsNotDuckDetectHoldsTheDatabase_NamesItAndPointsToTheAnalystDatabase()
    {
        // The holder is this test process (a notebook or the duckdb CLI to the job).
        using var holder = _db.Open();

        var result = Support.Cli.Run("run", _db.InputFolder, "--db", _db.Path);

        Assert.Equal(75, result.ExitCode);
        Assert.Contains($"(PID {Environment.ProcessId}), which is not duckdetect", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"duckdb -readonly {Path.Combine(_db.Folder, "test.alerts.duckdb")}", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("another duckdetect process", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public void Run_WhileAnotherDuckDetectHoldsTheDatabase_SaysSoWithItsPid()
    {
        var file = _db.WriteInput("e.ndjson", CloudTrailJson.Ndjson([CloudTrailJson.Event("a", DateTimeOffset.UnixEpoch.AddDays(20000))]));
        using var first = Support.Cli.Start(["run", file, "--db", _db.Path, "--no-publish"],
            new Dictionary<string, string> { ["DUCKDETECT_TEST_HOLD"] = "after-commit" });
        try
        {
            Support.ProbingInput.WaitForStderr(first, "holding at after-commit", TimeSpan.FromMinutes(2));

            var second = Support.Cli.Run("run", file, "--db", _db.Path);

            Assert.Equal(75, second.ExitCode);
            Assert.Contains($"in use by another duckdetect process (PID {first.Id})", second.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            first.Kill(entireProcessTree: true);
            first.WaitForExit();
        }
    }

    [Fact]
    public async Task Run_WithWait_ProceedsOnceTheOtherProcessIsDone()
    {
        var file = _db.WriteInput("e.ndjson", CloudTrailJson.Ndjson([CloudTrailJson.Event("a", DateTimeOffset.UnixEpoch.AddDays(20000))]));
        var holder = _db.Open();
        var release = Task.Run(async () =>
        {
            await Task.Delay(1500);
            holder.Dispose();
        });

        var result = Support.Cli.Run("ingest", file, "--db", _db.Path, "--wait", "30");
        await release;

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(1L, _db.Scalar<long>("SELECT count(*) FROM cloudtrail_events"));
    }

    public void Dispose() => _db.Dispose();
}
