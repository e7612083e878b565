using Dapper;
using DuckDetect.Core;
using DuckDetect.Core.Exceptions;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Exceptions;

/// <summary>
/// Exceptions as rule configuration: they apply to windows evaluated from when they are added, earlier windows
/// again only when asked (--reevaluate-from), and removing one keeps it as history.
/// </summary>
public sealed class ExceptionLifecycleTests : IDisposable
{
    private const string Other = "arn:aws:iam::111122223333:user/other";

    private readonly DetectionFixture _f = new();

    private static DateTimeOffset T(string iso) => DetectionFixture.At(iso);

    [Fact]
    public void AddAndRemove_WithReevaluation_RetractsWithTheExceptionNamedThenRestoresTheSameAlert()
    {
        Seed();
        _f.Detect(null, "2026-03-02T06:00:00Z");
        var before = _f.Alerts();
        Assert.Equal(2, before.Count);

        // Added without re-evaluation: windows already evaluated keep their alerts.
        var id = _f.AddException("user_arn", "is", [DetectionFixture.Arn], reason: "load test");
        _f.Detect(null, "2026-03-02T06:00:00Z");
        Assert.Equal(before.Select(a => a.AlertId), _f.Alerts().Select(a => a.AlertId));

        var retracting = Reevaluate("2026-03-02T00:00:00Z");
        Assert.Equal(1, retracting);
        var remaining = Assert.Single(_f.Alerts());
        Assert.Equal(Other, remaining.UserArn);
        Assert.Equal(before.Single(a => a.UserArn == Other).UpdatedAt, remaining.UpdatedAt);
        var reason = _f.Db.Scalar<string>("SELECT retraction_reason FROM retracted_alerts");
        Assert.Equal($"exception {id} (user_arn is {DetectionFixture.Arn}): load test", reason);

        using (var session = _f.Db.Open())
        {
            session.InTransaction(tx => ExceptionStore.Remove(session.Connection, id, "tester", "test over", DateTimeOffset.UtcNow, tx));
        }
        Assert.Equal(0, Reevaluate("2026-03-02T00:00:00Z"));
        Assert.Equal(before.Select(a => a.AlertId), _f.Alerts().Select(a => a.AlertId));
        // The removed exception is history, not gone.
        Assert.Equal(1, _f.Db.Scalar<long>("SELECT count(*) FROM rule_exceptions WHERE removed_at IS NOT NULL AND removed_reason = 'test over'"));
    }

    [Fact]
    public void Detect_RerunWithAnException_ChangesNothing()
    {
        Seed();
        _f.AddException("user_arn", "is", [DetectionFixture.Arn]);
        _f.Detect(null, "2026-03-02T06:00:00Z");
        var alerts = _f.Alerts();
        var changes = _f.Db.Scalar<long>("SELECT count(*) FROM alert_changes");

        var again = _f.Detect("2026-03-02T00:00:00Z", "2026-03-02T06:00:00Z");

        Assert.Equal(0, again.AlertsNew + again.AlertsUpdated + again.AlertsRetracted);
        Assert.Equal(alerts, _f.Alerts());
        Assert.Equal(changes, _f.Db.Scalar<long>("SELECT count(*) FROM alert_changes"));
    }

    [Fact]
    public void Remove_UnknownOrRemovedId_IsInvalidAndWritesNothing()
    {
        var id = _f.AddException("account_id", "is", [DetectionFixture.Account]);
        using var session = _f.Db.Open();
        session.InTransaction(tx => ExceptionStore.Remove(session.Connection, id, "tester", null, DateTimeOffset.UtcNow, tx));

        var unknown = Assert.Throws<DuckDetectException>(() => session.InTransaction(tx => ExceptionStore.Remove(session.Connection, 99, "tester", null, DateTimeOffset.UtcNow, tx)));
        var twice = Assert.Throws<DuckDetectException>(() => session.InTransaction(tx => ExceptionStore.Remove(session.Connection, id, "tester", null, DateTimeOffset.UtcNow, tx)));

        Assert.Equal(FailureKind.InvalidArguments, unknown.Kind);
        Assert.Contains("no exception with id 99", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("already removed", twice.Message, StringComparison.Ordinal);
        Assert.Equal(1, session.Connection.ExecuteScalar<long>("SELECT count(*) FROM rule_exceptions"));
    }

    private void Seed()
    {
        var events = _f.Burst(600, T("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50));
        events.AddRange(_f.Burst(600, T("2026-03-02T02:00:00Z"), TimeSpan.FromMinutes(50), e =>
            ((Dictionary<string, object?>)e["userIdentity"]!)["arn"] = Other));
        _f.Ingest(events);
    }

    /// <summary>`--reevaluate-from T` as the commands run it, in its own transaction; returns the alerts it retracted.</summary>
    private long Reevaluate(string from)
    {
        using var session = _f.Db.Open();
        return session.InTransaction(tx => ExceptionReevaluation.Run(session, _f.Rule, T(from), NullStatusSink.Instance, tx)?.AlertsRetracted ?? -1);
    }

    public void Dispose() => _f.Dispose();
}
