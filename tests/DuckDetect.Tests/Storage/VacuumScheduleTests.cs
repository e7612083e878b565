using Dapper;
using DuckDetect.Core.Ingest;
using DuckDetect.Core.Storage;
using DuckDetect.Tests.Ingest;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Storage;

/// <summary>
/// The event table's row groups as small scheduled loads leave them: each call's events start a row group of their
/// own, and they are merged only in the session whose calls pass a merge point, by writing the tail after the last
/// row group at least half full again (VacuumSchedule); DuckDB's own merge, which rewrites anywhere in the table,
/// stays deferred.
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
                INSERT INTO ingest_runs (run_id, started_at, finished_at, duration_ms, files_listed, files_unchanged, files_loaded, files_failed, events_read, events_new, events_skipped)
                VALUES (nextval('ingest_run_seq'), now(), now(), 0, 0, 0, 0, 0, 122880, 122880, 0)
                """);
        }
        Assert.Equal(1, RowGroups());
        Assert.Equal(200, IngestKit.EventCount(_db));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ALoadOfAnySize_LeavesDuckDbsOwnMergeDeferred(bool large)
    {
        var file = _db.WriteInput("load.json", CloudTrailJson.Delivery(IngestKit.Events("load", 100)));
        var options = new IngestOptions { LargeLoadBytes = large ? new FileInfo(file).Length : new FileInfo(file).Length + 1 };
        using var session = _db.Open();
        new Ingestor(session, new RecordingStatusSink(), options).Run([file]);
        Assert.False(session.Vacuum!.Allowed);
        Assert.Equal(0, MaxVacuumTasks(session));
    }

    [Theory]
    [InlineData(130_000, false)]
    [InlineData(200_000, true)]
    public void TheTailMerge_RewritesOnlyTheRowGroupsAfterTheLastOneAtLeastHalfFull(int bulkRows, bool partialSettled)
    {
        // A large load's full row group and its partly filled last one, then three small calls of 50 events each.
        using (var session = _db.Open())
        {
            session.Connection.Execute(
                """
                INSERT INTO cloudtrail_events BY NAME
                SELECT 'bulk-' || range AS event_id, TIMESTAMPTZ '2024-05-01 00:00:00+00' + to_seconds(range) AS event_time,
                       duckdetect_event_key('bulk-' || range) AS event_key, 1 AS ingest_batch, now() AS ingested_at,
                       'bulk.json' AS source_file
                FROM range($rows)
                """, new { rows = bulkRows });
        }
        for (var call = 0; call < 3; call++)
        {
            var file = _db.WriteInput($"small-{call}.json", CloudTrailJson.Delivery(IngestKit.Events($"call{call}", 50, IngestKit.T0.AddHours(call))));
            IngestKit.RunIngest(_db, file);
        }
        var partial = bulkRows - RowGroupRows;
        Assert.Equal([RowGroupRows, partial, 50, 50, 50], RowGroupSizes());
        var before = _db.Query<string>("SELECT event_id FROM cloudtrail_events ORDER BY rowid");
        var keptBefore = Blocks(partialSettled ? 1 : 0);

        using (var session = _db.Open())
        {
            session.Connection.Execute(
                """
                INSERT INTO ingest_runs (run_id, started_at, finished_at, duration_ms, files_listed, files_unchanged, files_loaded, files_failed, events_read, events_new, events_skipped)
                VALUES (nextval('ingest_run_seq'), now(), now(), 0, 0, 0, 0, 0, 122880, 122880, 0)
                """);
        }

        // The tail (the three calls', and the load's last row group unless it is at least half full) is one row group
        // now, in the same order; the row groups before it were not written again.
        Assert.Equal(partialSettled ? [RowGroupRows, partial, 150] : [RowGroupRows, partial + 150], RowGroupSizes());
        Assert.Equal(before, _db.Query<string>("SELECT event_id FROM cloudtrail_events ORDER BY rowid"));
        Assert.Equal(keptBefore, Blocks(partialSettled ? 1 : 0));
    }

    [Fact]
    public void TheTailMerge_LeavesASingleTailRowGroupAsItIs()
    {
        var file = _db.WriteInput("small.json", CloudTrailJson.Delivery(IngestKit.Events("one", 50)));
        IngestKit.RunIngest(_db, file);
        using (var session = _db.Open())
        {
            session.Vacuum!.MergeTail();
        }
        Assert.Equal([50L], RowGroupSizes());
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

    private const long RowGroupRows = VacuumSchedule.RowGroupRows;

    private List<long> RowGroupSizes() => _db.Query<long>(
        """
        SELECT CAST(sum(count) AS BIGINT) FROM pragma_storage_info('cloudtrail_events')
        WHERE column_id = 0 AND segment_type <> 'VALIDITY' GROUP BY row_group_id ORDER BY row_group_id
        """);

    /// <summary>Where the segments of the row groups up to <paramref name="lastRowGroup"/> are stored.</summary>
    private List<string> Blocks(int lastRowGroup) => _db.Query<string>(
        """
        SELECT row_group_id || ':' || column_path || ':' || segment_id || ':' || coalesce(CAST(block_id AS VARCHAR), '')
               || ':' || coalesce(CAST(block_offset AS VARCHAR), '')
        FROM pragma_storage_info('cloudtrail_events') WHERE row_group_id <= $lastRowGroup ORDER BY ALL
        """, new { lastRowGroup });
}
