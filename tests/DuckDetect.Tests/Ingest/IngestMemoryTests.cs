using Dapper;
using DuckDetect.Core.Ingest;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Ingest;

/// <summary>
/// The memory limits ingest sets while it works (IngestOptions.CheckMemory for a small load's checks, the batch's
/// limit while files are read) end with it: detect and publish after it in the same session have DuckDB's memory back.
/// </summary>
public sealed class IngestMemoryTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public void AfterASmallIngest_TheSessionHoldsMoreThanTheChecksLimit()
    {
        var file = _db.WriteInput("small.json", CloudTrailJson.Delivery(IngestKit.Events("small", 20)));
        using var session = _db.Open();
        new Ingestor(session, new RecordingStatusSink()).Run([file]);
        Assert.Equal(20, session.Connection.ExecuteScalar<long>("SELECT count(*) FROM cloudtrail_events"));

        // About 600 MB in memory: under the checks' limit (or a limit reset only in name) DuckDB refuses it.
        session.Connection.Execute("CREATE TEMP TABLE held AS SELECT repeat('x', 200) || i AS s FROM range(3000000) r(i)");
        Assert.Equal(3_000_000, session.Connection.ExecuteScalar<long>("SELECT count(*) FROM held"));
    }

    [Fact]
    public void ABatchTheDirectLoadHandsOn_IsReadAgainUnderTheReadLimit()
    {
        // A repeated eventID is found after the read, under the checks' limit; the exact load then reads the files
        // again, which needs the read limit back (DuckDB's JSON reader takes 32 MiB buffers).
        var first = _db.WriteGzipInput("a.json.gz", CloudTrailJson.Delivery(IngestKit.Events("dup", 50)));
        var second = _db.WriteGzipInput("b.json.gz", CloudTrailJson.Delivery(IngestKit.Events("dup", 50)));
        var run = IngestKit.RunIngest(_db, first, second);
        Assert.Empty(run.Status.Errors);
        Assert.Equal(2, run.Summary.FilesLoaded);
        Assert.Equal(50, IngestKit.EventCount(_db));
    }

    [Theory]
    [InlineData("18.8 GiB", "18.84 GiB")]
    [InlineData("953.6 MiB", "953.64 MiB")]
    [InlineData("2.0 GiB", "2.04 GiB")]
    [InlineData("unlimited", "unlimited")]
    public void TheLimitSetBack_IsTheReportedOnePlusLessThanItsLastDigit(string reported, string restored) =>
        Assert.Equal(restored, DuckDetect.Core.Storage.MemoryLimit.Restorable(reported));
}
