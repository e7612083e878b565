using Dapper;
using DuckDetect.Core.Detection;
using DuckDetect.Core.Storage;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Detection;

/// <summary>
/// The threshold tallies of whole hours (the low-and-slow rule's day-long window) come from the kept hourly tally
/// (tally_hours) in a detect run, not from a day of events: the same buckets, calls and context as counting the
/// events, whatever the ingest batches, and a slice reads only its own events.
/// </summary>
public sealed class KeptHourTallyTests : IDisposable
{
    private static readonly (int Width, int ReachMinutes)[] Reads = [(10, 60), (60, 1440)];
    private readonly DetectionFixture _f = new();

    [Fact]
    public void KeptHours_EqualTheEventsTally_AcrossBatchesLateEventsAndContext()
    {
        // Three batches: a day of calls from two source IPs and agents, a principal and model of its own, then late
        // events into hours the kept tally already holds, and calls that do not count (an error, another service).
        _f.Ingest(_f.Burst(480, DetectionFixture.At("2026-03-01T00:00:00Z"), TimeSpan.FromHours(24), e =>
        {
            var i = int.Parse(((string)e["eventID"]!)[4..], System.Globalization.CultureInfo.InvariantCulture);
            e["sourceIPAddress"] = i % 3 == 0 ? "203.0.113.9" : "198.51.100.7";
            e["userAgent"] = i % 2 == 0 ? "Boto3/1.34.0" : "aws-cli/2.15.0";
        }));
        InStage(1);
        _f.Ingest(_f.Burst(50, DetectionFixture.At("2026-03-01T05:30:00Z"), TimeSpan.FromHours(3), e =>
        {
            e["requestParameters"] = new Dictionary<string, object?> { ["modelId"] = "meta.llama3-70b-instruct-v1:0" };
            e["awsRegion"] = "eu-west-1";
        }));
        _f.Ingest(_f.Burst(40, DetectionFixture.At("2026-03-01T06:15:00Z"), TimeSpan.FromHours(2))
            .Concat(_f.Burst(5, DetectionFixture.At("2026-03-01T06:20:00Z"), TimeSpan.FromMinutes(5), e => e["errorCode"] = "ThrottlingException"))
            .Concat(_f.Burst(5, DetectionFixture.At("2026-03-01T06:20:00Z"), TimeSpan.FromMinutes(5), e => e["eventSource"] = "s3.amazonaws.com")));
        using (var session = _f.Db.Open())
        {
            session.Connection.Execute("INSERT INTO source_ip_as VALUES ('203.0.113.9', 64500, 'Example Transit')");
        }

        var fromEvents = Tally60(keptBatch: null, "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z");
        var fromKept = Tally60(keptBatch: 3, "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z");

        // 24 hours x 2 source IPs, and the other model's 4 hours; the late calls fall into groups the day has.
        Assert.Equal(24 * 2 + 4, fromEvents.Count);
        Assert.Equal(fromEvents, fromKept);
        Assert.Contains(fromKept, row => row.Contains("Example Transit", StringComparison.Ordinal));
        Assert.Equal(3L, _f.Db.Query<long>("SELECT last_batch FROM tally_hour_batches").Single());
        // The hours the late batch touched were merged: one row per hour and group, however many batches.
        Assert.Equal(fromKept.Count, _f.Db.Query<long>("SELECT count(*) FROM tally_hours").Single());
    }

    [Fact]
    public void ASlice_ReadsItsOwnEvents_TheDayBeforeFromTheKeptHours()
    {
        _f.Ingest(_f.Burst(480, DetectionFixture.At("2026-03-01T00:00:00Z"), TimeSpan.FromHours(24)));

        using var session = _f.Db.Open();
        var c = session.Connection;
        var stage = new TallyStages(c, null, Reads, keptBatch: 1);
        stage.Append(DetectionFixture.At("2026-03-01T23:00:00Z").UtcDateTime, DetectionFixture.At("2026-03-02T00:00:00Z").UtcDateTime);

        // The events tally holds the slice's hour; the hourly one the day its windows reach, read from tally_hours.
        Assert.Equal("2026-03-01 23:00:00+00", c.ExecuteScalar<string>("SELECT min(bucket_start)::VARCHAR FROM detect_tally_10"));
        Assert.Equal(20L, c.ExecuteScalar<long>("SELECT sum(calls)::BIGINT FROM detect_tally_10"));
        Assert.Equal(480L, c.ExecuteScalar<long>("SELECT sum(calls)::BIGINT FROM detect_tally_60"));
        Assert.Equal(24L, c.ExecuteScalar<long>("SELECT count(DISTINCT bucket_start) FROM detect_tally_60"));
        stage.Drop();
    }

    [Fact]
    public void APrunedHorizon_DropsTheKeptHoursBeforeIt_AndWhatIfStartsThemOver()
    {
        _f.Ingest(_f.Burst(48, DetectionFixture.At("2026-03-01T00:00:00Z"), TimeSpan.FromHours(48)));
        InStage(1);
        Assert.Equal(48L, _f.Db.Query<long>("SELECT count(*) FROM tally_hours").Single());

        using (var session = _f.Db.Open())
        {
            session.Connection.Execute(SqlScripts.Get("retention/horizon.sql"),
                new { before = DetectionFixture.At("2026-03-02T00:00:00Z").UtcDateTime, now = DateTime.UtcNow });
        }
        Assert.Equal(24L, _f.Db.Query<long>("SELECT count(*) FROM tally_hours").Single());
        Assert.Equal(0L, _f.Db.Query<long>("SELECT count(*) FROM tally_hours WHERE hour_start < TIMESTAMPTZ '2026-03-02 00:00:00+00'").Single());

        using (var session = _f.Db.Open())
        {
            session.Connection.Execute(SqlScripts.Get("detect/reset_what_if.sql"));
        }
        Assert.Equal(0L, _f.Db.Query<long>("SELECT count(*) FROM tally_hours").Single());
        InStage(1);
        Assert.Equal(48L, _f.Db.Query<long>("SELECT count(*) FROM tally_hours").Single());
    }

    /// <summary>A detect run's tally stage, made and dropped: the kept hourly tally takes in the batches up to <paramref name="batch"/>.</summary>
    private void InStage(long batch)
    {
        using var session = _f.Db.Open();
        new TallyStages(session.Connection, null, Reads, batch).Drop();
    }

    /// <summary>The hourly tally of [from, to) as text rows (lists sorted), counted from the events or read from the kept hours.</summary>
    private List<string> Tally60(long? keptBatch, string from, string to)
    {
        using var session = _f.Db.Open();
        var c = session.Connection;
        var stage = new TallyStages(c, null, Reads, keptBatch);
        stage.Append(DetectionFixture.At(from).UtcDateTime, DetectionFixture.At(to).UtcDateTime);
        var rows = c.Query<string>(
            """
            SELECT concat_ws(' | ', bucket_start, user_arn, account_id, model_id, source_ip, calls,
                   list_sort(event_actions), list_sort(user_agents), list_sort(identity_types), list_sort(access_key_ids),
                   list_sort(regions), list_sort(source_as_orgs), list_sort(source_asns), first_seen, last_seen)
            FROM detect_tally_60
            ORDER BY ALL
            """).AsList();
        stage.Drop();
        return rows;
    }

    public void Dispose() => _f.Dispose();
}
