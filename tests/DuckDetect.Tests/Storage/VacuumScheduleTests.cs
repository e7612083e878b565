using Dapper;
using DuckDetect.Core.Ingest;
using DuckDetect.Core.Storage;
using DuckDetect.Tests.Ingest;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Storage;

/// <summary>
/// The event table's row groups as small scheduled loads leave them: each call's events start a row group of their
/// own, and DuckDB's checkpoint merges them only in the session whose calls pass a merge point (VacuumSchedule).
/// </summary>
public sealed class VacuumScheduleTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Theory]
    [InlineData(0, 0, 122_879, 287, false)]
    [InlineData(0, 0, 122_880, 0, true)]
    [InlineData(122_000, 10, 123_000, 11, true)]
    [InlineData(122_881, 10, 245_759, 11, false)]
    [InlineData(5_000, 287, 5_100, 288, true)]
    [InlineData(5_000, 288, 5_100, 289, false)]
    [InlineData(5_000, 280, 5_000, 300, true)]
    public void Due_WhenEventsOrCallsPassAMultipleOfTheirInterval(long eventsBefore, long callsBefore, long eventsAfter, long callsAfter, bool due) =>
        Assert.Equal(due, VacuumSchedule.Due(new(eventsBefore, callsBefore), new(eventsAfter, callsAfter)));

    [Fact]
    public void SmallLoads_KeepTheirRowGroupsUntilAMergePoint_ThenOneCheckpointMergesThem()
    {
        for (var call = 0; call < 4; call++)
        {
            var file = _db.WriteInput($"small-{call}.json", CloudTrailJson.Delivery(IngestKit.Events($"call{call}", 50, IngestKit.T0.AddHours(call))));
            IngestKit.RunIngest(_db, file);
        }
        Assert.Equal(200, IngestKit.EventCount(_db));
        Assert.Equal(4, RowGroups());

        // A session whose ingest carries the loaded events past a row group's worth merges them at its close.
        using (var session = _db.Open())
        {
            Assert.False(session.Vacuum!.Allowed);
            session.Connection.Execute(
                """
                INSERT INTO ingest_runs VALUES (nextval('ingest_run_seq'), now(), now(), 0, 0, 0, 0, 0, 122880, 122880, 0)
                """);
        }
        Assert.Equal(1, RowGroups());
        Assert.Equal(200, IngestKit.EventCount(_db));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ALargeLoad_AllowsTheMergeFromTheStart(bool large)
    {
        var file = _db.WriteInput("load.json", CloudTrailJson.Delivery(IngestKit.Events("load", 100)));
        var options = new IngestOptions { LargeLoadBytes = large ? new FileInfo(file).Length : new FileInfo(file).Length + 1 };
        using var session = _db.Open();
        Assert.False(session.Vacuum!.Allowed);
        new Ingestor(session, new RecordingStatusSink(), options).Run([file]);
        Assert.Equal(large, session.Vacuum.Allowed);
    }

    [Fact]
    public void AllowDuring_DefersAgainAfterwards()
    {
        using var session = _db.Open();
        Assert.Equal(0, MaxVacuumTasks(session));
        session.Vacuum!.AllowDuring(() => Assert.True(MaxVacuumTasks(session) > 0));
        Assert.Equal(0, MaxVacuumTasks(session));
        session.Vacuum.Allow();
        Assert.True(MaxVacuumTasks(session) > 0);
    }

    [Fact]
    public void ReadOnlySessions_HaveNoSchedule()
    {
        _db.Open().Dispose();
        using var session = DuckDbSession.Open(_db.Path, readOnly: true);
        Assert.Null(session.Vacuum);
    }

    private static long MaxVacuumTasks(DuckDbSession session) =>
        session.Connection.ExecuteScalar<long>("SELECT CAST(current_setting('max_vacuum_tasks') AS BIGINT)");

    private long RowGroups() =>
        _db.Scalar<long>("SELECT count(DISTINCT row_group_id) FROM pragma_storage_info('cloudtrail_events')");
}
