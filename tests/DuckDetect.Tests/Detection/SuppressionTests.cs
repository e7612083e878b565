using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Detection;

/// <summary>Suppression per principal and account, for 60 minutes.</summary>
public sealed class SuppressionTests : IDisposable
{
    private readonly DetectionFixture _f = new();

    private static DateTimeOffset T(string iso) => DetectionFixture.At(iso);

    private const string Titan = "amazon.titan-text-express-v1";

    private static DateTime U(string iso) => T(iso).UtcDateTime;

    [Theory]
    [InlineData(600, 550, DetectionFixture.Model, 600)]
    [InlineData(520, 520, Titan, 520)] // equal counts: the model id first in order
    public void Detect_SeveralModelsOfOnePrincipal_OneAlertForTheBusiestModel(int claudeCalls, int titanCalls, string model, long count)
    {
        var events = _f.Burst(claudeCalls, T("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50));
        events.AddRange(_f.Burst(titanCalls, T("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50),
            e => e["requestParameters"] = new Dictionary<string, object?> { ["modelId"] = Titan }));
        _f.Ingest(events);

        _f.Detect(null, "2026-03-02T04:00:00Z");

        var alert = Assert.Single(_f.Alerts());
        Assert.Equal(model, alert.ModelId);
        Assert.Equal(count, alert.Count);
        Assert.Equal(U("2026-03-02T01:50:00Z"), alert.WindowEnd);
        // Windows 01:50 and 02:00 for each model: 4 candidates, one opens, three fold in.
        Assert.Equal(3, alert.SuppressedCount);
    }

    [Fact]
    public void Detect_OnePrincipalInTwoAccounts_TwoAlerts()
    {
        var events = _f.Burst(500, T("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50));
        events.AddRange(_f.Burst(500, T("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50), e =>
        {
            ((Dictionary<string, object?>)e["userIdentity"]!)["accountId"] = "444455556666";
            e["recipientAccountId"] = "444455556666";
        }));
        _f.Ingest(events);

        _f.Detect(null, "2026-03-02T04:00:00Z");

        var alerts = _f.Alerts();
        Assert.Equal(2, alerts.Count);
        Assert.Equal(new[] { "111122223333", "444455556666" }, alerts.Select(a => a.AccountId ?? "").Order().ToArray());
    }

    [Fact]
    public void Detect_NullAccount_IsItsOwnSuppressionGroup()
    {
        var events = _f.Burst(500, T("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50), e =>
        {
            ((Dictionary<string, object?>)e["userIdentity"]!).Remove("accountId");
            e.Remove("recipientAccountId");
        });
        events.AddRange(_f.Burst(500, T("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50)));
        _f.Ingest(events);

        _f.Detect(null, "2026-03-02T04:00:00Z");

        var alerts = _f.Alerts();
        Assert.Equal(2, alerts.Count);
        Assert.Null(alerts[0].AccountId);
        Assert.Equal(DetectionFixture.Account, alerts[1].AccountId);
        Assert.All(alerts, a => Assert.Equal(1, a.SuppressedCount));
    }

    [Fact]
    public void Detect_ProbingSustainedForHours_NewAlertEverySixtyMinutes()
    {
        // 600 calls an hour from 00:00 to 03:00: windows ending 00:50 .. 03:10 reach 500.
        _f.Ingest(_f.Burst(1800, T("2026-03-02T00:00:00Z"), TimeSpan.FromHours(3)));

        _f.Detect(null, "2026-03-02T06:00:00Z");

        var alerts = _f.Alerts();
        Assert.Equal([U("2026-03-02T00:50:00Z"), U("2026-03-02T01:50:00Z"), U("2026-03-02T02:50:00Z")],
            alerts.Select(a => a.SuppressionStart).ToArray());
        Assert.Equal([U("2026-03-02T01:40:00Z"), U("2026-03-02T02:40:00Z"), U("2026-03-02T03:10:00Z")],
            alerts.Select(a => a.SuppressionEnd).ToArray());
        Assert.Equal([5L, 5L, 2L], alerts.Select(a => a.SuppressedCount).ToArray());
        Assert.Equal(alerts.Select(a => a.SuppressionStart), alerts.Select(a => a.WindowEnd));
    }

    [Fact]
    public void Detect_CandidateExactlySixtyMinutesAfterOpening_OpensNewAlert()
    {
        // Two bursts whose only candidate windows end 01:50 and 02:50: exactly the suppression duration apart.
        var events = _f.Burst(500, T("2026-03-02T01:45:00Z"), TimeSpan.FromMinutes(5));
        events.AddRange(_f.Burst(500, T("2026-03-02T02:45:00Z"), TimeSpan.FromMinutes(5)));
        _f.Ingest(events);

        _f.Detect(null, "2026-03-02T05:00:00Z");

        var starts = _f.Alerts().Select(a => a.SuppressionStart).ToArray();
        // Each burst feeds 6 windows (01:50..02:40 and 02:50..03:40): the first alert absorbs 01:50..02:40.
        Assert.Equal([U("2026-03-02T01:50:00Z"), U("2026-03-02T02:50:00Z")], starts);
    }

    [Fact]
    public void Detect_DuplicateEventsInTwoFiles_CountOnce()
    {
        var events = _f.Burst(300, T("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50));
        _f.Ingest(events);
        _f.Ingest(events);
        _f.Ingest(events.Take(100));

        _f.Detect(null, "2026-03-02T04:00:00Z");

        Assert.Empty(_f.Alerts());
        Assert.Equal(300L, _f.Db.Scalar<long>("SELECT count(*) FROM cloudtrail_events"));
    }

    [Fact]
    public void Detect_AlertId_IsDeterministic()
    {
        using var other = new DetectionFixture();
        var events = _f.Burst(500, T("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50));
        _f.Ingest(events);
        other.Ingest(events);

        _f.Detect(null, "2026-03-02T04:00:00Z");
        other.Detect("2026-03-01T00:00:00Z", "2026-03-03T00:00:00Z");

        Assert.Equal(Assert.Single(_f.Alerts()).AlertId, Assert.Single(other.Alerts()).AlertId);
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", _f.Alerts()[0].AlertId);
    }

    [Fact]
    public void Detect_AlertId_IsTheMd5OfRulePrincipalAccountAndOpening()
    {
        _f.Ingest(_f.Burst(500, T("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50)));

        _f.Detect(null, "2026-03-02T04:00:00Z");

        var key = $"[\"{_f.Rule.Id}\",\"{DetectionFixture.Arn}\",\"{DetectionFixture.Account}\",\"2026-03-02T01:50:00Z\"]";
        var hex = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(key)));
        var expected = $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
        Assert.Equal(expected, Assert.Single(_f.Alerts()).AlertId);
    }

    public void Dispose() => _f.Dispose();
}
