using Dapper;
using DuckDetect.Core.Storage;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Storage;

/// <summary>
/// DUCKDETECT_THREADS caps DuckDB's worker threads. The suite runs on one (<see cref="TestDefaults"/>), so the
/// quickstart here also runs on several, which must give the same events and alerts.
/// </summary>
public sealed class ThreadCapTests : IDisposable
{
    private readonly TempDatabase _one = new();
    private readonly TempDatabase _several = new();

    [Fact]
    public void Open_WithTheVariableSet_DuckDbHasThatManyThreads()
    {
        using var session = _one.Open();

        Assert.Equal(Environment.GetEnvironmentVariable(DuckDbSession.ThreadsVariable),
            session.Connection.ExecuteScalar<string>("SELECT current_setting('threads')::VARCHAR"));
    }

    [Fact]
    public void Run_OnOneThreadAndOnFour_GivesTheSameEventsAndAlerts()
    {
        var quickstart = Path.Combine(RepoPaths.Data, "cloudtrail");
        var one = Support.Cli.Run(["run", quickstart, "--db", _one.Path, "-q", "--no-publish"],
            new Dictionary<string, string> { [DuckDbSession.ThreadsVariable] = "1" });
        var four = Support.Cli.Run(["run", quickstart, "--db", _several.Path, "-q", "--no-publish"],
            new Dictionary<string, string> { [DuckDbSession.ThreadsVariable] = "4" });

        Assert.True(one.ExitCode == 0, one.ToString());
        Assert.True(four.ExitCode == 0, four.ToString());
        Assert.Equal(Snapshot(_one, "SELECT * EXCLUDE (ingest_batch, ingested_at) FROM cloudtrail_events"),
            Snapshot(_several, "SELECT * EXCLUDE (ingest_batch, ingested_at) FROM cloudtrail_events"));
        var alerts = Snapshot(_one, "SELECT * EXCLUDE (created_at, updated_at) FROM alerts");
        Assert.Equal(134, alerts.Count);
        Assert.Equal(alerts, Snapshot(_several, "SELECT * EXCLUDE (created_at, updated_at) FROM alerts"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("two")]
    public void AnyCommand_ThreadsThatAreNotACount_ExitsInvalidArgumentsNamingTheVariable(string value)
    {
        _one.Open().Dispose();

        var result = Support.Cli.Run(["status", "--db", _one.Path], new Dictionary<string, string> { [DuckDbSession.ThreadsVariable] = value });

        Assert.Equal(64, result.ExitCode);
        Assert.Contains($"DUCKDETECT_THREADS must be a whole number of threads, 1 or more (it is '{value}')", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>Every row of the query, as JSON text, sorted.</summary>
    private static List<string> Snapshot(TempDatabase db, string query) =>
        db.Query<string>($"SELECT to_json(r)::VARCHAR AS row FROM ({query}) r ORDER BY row");

    public void Dispose()
    {
        _one.Dispose();
        _several.Dispose();
    }
}
