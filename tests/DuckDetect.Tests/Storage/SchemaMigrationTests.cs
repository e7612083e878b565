using Dapper;
using DuckDB.NET.Data;
using DuckDetect.Core.Ingest;
using DuckDetect.Core.Storage;
using DuckDetect.Tests.Support;
using static DuckDetect.Tests.Ingest.IngestKit;

namespace DuckDetect.Tests.Storage;

/// <summary>A database written by an earlier schema is brought up to date when opened, keeping its data.</summary>
public sealed class SchemaMigrationTests : IDisposable
{
    private readonly TempDatabase _db = new();

    [Fact]
    public void Open_VersionOneDatabase_AddsEventKeysToTheStoredEvents()
    {
        WriteVersionOne("stored-1", "stored-2");

        using (var session = _db.Open())
        {
            Assert.Equal(SchemaMigrator.CurrentVersion, session.Connection.ExecuteScalar<int>("SELECT max(version) FROM duckdetect_schema"));
        }

        Assert.Equal(0, _db.Scalar<long>("SELECT count(*) FROM cloudtrail_events WHERE event_key IS NULL"));
        Assert.Equal(
            _db.Scalar<ulong>("SELECT CAST(md5_number('stored-1') >> 64 AS UBIGINT)"),
            _db.Scalar<ulong>("SELECT event_key FROM cloudtrail_events WHERE event_id = 'stored-1'"));
    }

    [Fact]
    public void Ingest_AfterMigration_StillStoresAnEventOfAVersionOneDatabaseOnce()
    {
        WriteVersionOne("e-0", "e-1");
        var redelivered = _db.WriteInput("again.json", CloudTrailJson.Array(Events("e", 3)));

        var run = RunIngest(_db, redelivered);

        Assert.Equal(1, run.Summary.EventsNew);
        Assert.Equal(["e-0", "e-1", "e-2"], EventIds(_db));
    }

    [Fact]
    public void Ingest_NewEventWhoseKeyIsAlreadyStored_StillLoads()
    {
        var first = _db.WriteInput("first.json", CloudTrailJson.Array(Events("a", 2)));
        RunIngest(_db, first);
        // Two different eventIDs whose keys are equal (made here by hand; md5 makes it rare in life).
        using (var session = _db.Open())
        {
            session.Connection.Execute("UPDATE cloudtrail_events SET event_key = CAST(md5_number('b-0') >> 64 AS UBIGINT) WHERE event_id = 'a-0'");
        }
        var second = _db.WriteInput("second.json", CloudTrailJson.Array(Events("b", 2)));

        var run = RunIngest(_db, second);

        Assert.Equal(1, run.Summary.ExactLoads);
        Assert.Equal(2, run.Summary.EventsNew);
        Assert.Equal(["a-0", "a-1", "b-0", "b-1"], EventIds(_db));
    }

    /// <summary>A database as schema version 1 left it, holding events with the given ids.</summary>
    private void WriteVersionOne(params string[] eventIds)
    {
        using var connection = new DuckDBConnection($"Data Source={_db.Path}");
        connection.Open();
        connection.Execute(SqlScripts.Get("schema/001_initial.sql"));
        connection.Execute("INSERT INTO duckdetect_schema (version, script) VALUES (1, 'schema/001_initial.sql')");
        foreach (var (id, i) in eventIds.Select((id, i) => (id, i)))
        {
            connection.Execute(
                """
                INSERT INTO cloudtrail_events (event_id, event_time, event_source, event_name, ingest_batch, ingested_at, source_file)
                VALUES ($id, TIMESTAMPTZ '2024-05-01 12:00:00+00' + to_seconds($i), 'bedrock.amazonaws.com', 'InvokeModel', 1, now(), 'old.json')
                """,
                new { id, i });
        }
    }

    public void Dispose() => _db.Dispose();
}
