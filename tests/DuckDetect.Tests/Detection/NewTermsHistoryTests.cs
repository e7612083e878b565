using Dapper;
using DuckDetect.Core.Rules;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Detection;

/// <summary>
/// A new-terms rule's history is kept state (rule_term_hours: each term's last time per hour, from each ingest batch
/// once): scheduled runs that read only their own hour of events still see the 7 days before, to the second at the
/// history's edge; a database without the kept hours (from before they existed) builds them from every batch.
/// </summary>
public sealed class NewTermsHistoryTests : IDisposable
{
    private const string Policy = "de0e9ed8-b68f-4249-957a-2c2bbdbd1c1b";

    private readonly DetectionFixture _f = new();

    /// <summary>Ingests the events as one batch and runs the rule up to <paramref name="to"/>, as a scheduled run does.</summary>
    private DuckDetect.Core.Detection.DetectSummary Scheduled(string to, params Dictionary<string, object?>[] events)
    {
        _f.Ingest(events);
        return _f.DetectAll(null, DetectionFixture.At(to), [RuleCatalog.Get(Policy)])[0];
    }

    private List<string> AlertWindows() => _f.Db.Query<DateTime>("SELECT window_end FROM alerts ORDER BY window_end")
        .Select(t => t.ToString("MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)).ToList();

    [Fact]
    public void NewTerms_ScheduledRunsOverDays_SeeTheKeptHistoryToTheSecondAtItsEdge()
    {
        Assert.Equal(1, Scheduled("2026-03-02T11:00:00Z", ApiCall.At("2026-03-02T10:00:00Z", "PutResourcePolicy")).AlertsNew);
        // Exactly 7 days after the last time seen: within the history, not new.
        Assert.Equal(0, Scheduled("2026-03-09T11:00:00Z", ApiCall.At("2026-03-09T10:00:00Z", "PutResourcePolicy")).AlertsNew);
        // 7 days and a second after: new again.
        Assert.Equal(1, Scheduled("2026-03-16T11:00:00Z", ApiCall.At("2026-03-16T10:00:01Z", "PutResourcePolicy")).AlertsNew);

        Assert.Equal(["03-02 10:10:00", "03-16 10:10:00"], AlertWindows());
        // The kept hours: one row per term, hour and batch, with the last time seen in it.
        Assert.Equal(
            ["03-02 10:00 10:00:00", "03-09 10:00 10:00:00", "03-16 10:00 10:00:01"],
            _f.Db.Query<(DateTime Hour, DateTime Last)>(
                    "SELECT hour_start, last_seen FROM rule_term_hours WHERE rule_id = $rule_id AND term = $term ORDER BY hour_start",
                    new { rule_id = Policy, term = DetectionFixture.Arn })
                .Select(r => $"{r.Hour:MM-dd HH:mm} {r.Last:HH:mm:ss}"));

        // A backfill over the same events gives the same alerts.
        using var backfill = new DetectionFixture();
        backfill.Ingest([
            ApiCall.At("2026-03-02T10:00:00Z", "PutResourcePolicy"),
            ApiCall.At("2026-03-09T10:00:00Z", "PutResourcePolicy"),
            ApiCall.At("2026-03-16T10:00:01Z", "PutResourcePolicy"),
        ]);
        backfill.DetectAll(null, DetectionFixture.At("2026-03-16T11:00:00Z"), [RuleCatalog.Get(Policy)]);
        Assert.Equal(backfill.AlertFingerprints(), _f.AlertFingerprints());
    }

    [Fact]
    public void NewTerms_DatabaseWithoutKeptHours_BuildsThemFromEveryBatch()
    {
        Scheduled("2026-03-02T11:00:00Z", ApiCall.At("2026-03-02T10:00:00Z", "PutResourcePolicy"));
        // As a database from before the kept hours: the rule's state is there, its kept hours and their mark are not.
        using (var session = _f.Db.Open())
        {
            session.Connection.Execute("DELETE FROM rule_term_hours; DELETE FROM rule_term_batches;");
        }

        var run = Scheduled("2026-03-05T11:00:00Z", ApiCall.At("2026-03-05T10:00:00Z", "PutResourcePolicy"));

        // Seen 3 days before (in the first batch, read again): not new.
        Assert.Equal(0, run.AlertsNew);
        Assert.Equal(["03-02 10:10:00"], AlertWindows());
        Assert.Equal(2, _f.Db.Scalar<long>("SELECT count(*) FROM rule_term_hours WHERE rule_id = $rule_id", new { rule_id = Policy }));
    }

    public void Dispose() => _f.Dispose();
}
