using System.Text.Json.Nodes;
using DuckDetect.Core.Alerts;
using DuckDetect.Core.Enrichment;
using DuckDetect.Core.Investigation;
using DuckDetect.Core.Rules;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Enrichment;

/// <summary>
/// What the AS of source IPs gives the analyst: alerts of threshold and event rules carry source_asns and
/// source_as_orgs whether the AS data came before the events or after them, ECS and OCSF map them, and explain says
/// whether an AS is new for the principal in the 14 days before the alert. MaxMind's test database: 1.0.0.0/24 is
/// AS15169 Google Inc., 2001:1700::/27 AS6730 Sunrise Communications AG.
/// </summary>
public sealed class AsnAlertTests : IDisposable
{
    private const string Guardrail = "cdf7b922-909c-440c-8df0-0efe72aa7bea";
    private const string Google = "1.0.0.7";
    private const string Sunrise = "2001:1700::1";

    private readonly DetectionFixture _fx = new();

    [Fact]
    public void ThresholdAlert_AsLoadedBeforeOrAfterDetect_CarriesTheSameAs_AndAnUpdateOrClearChangesIt()
    {
        var burst = Probe();
        var before = Lists();
        Assert.Equal("[] []", before);

        Load(AsnFiles.Mmdb);

        Assert.Equal("[6730, 15169] [Google Inc., Sunrise Communications AG]", Lists());
        Assert.Equal(["15169 Google Inc.", "6730 Sunrise Communications AG"], _fx.Db.Query<string>(
            "SELECT DISTINCT source_asn || ' ' || source_as_org FROM alert_events ORDER BY 1"));

        // The same events in a database that had the AS data first: the same alert.
        using (var fresh = new DetectionFixture())
        {
            AsnFiles.Load(fresh.Db, [AsnFiles.Mmdb]);
            fresh.Ingest(burst);
            fresh.Detect(null, "2026-03-02T04:00:00Z");
            Assert.Equal(Lists(), Lists(fresh));
        }

        Load(AsnFiles.WriteRangesCsv(Path.Combine(_fx.Db.Folder, "v2.csv"),
            networks: AsnFiles.Networks.Where(n => n.Number != 6730).Select(n => n.Number == 15169 ? n with { Organization = "Renamed" } : n)));
        Assert.Equal("[15169] [Renamed]", Lists());

        using (var session = _fx.Db.Open())
        {
            AsnLoader.Clear(session, DateTimeOffset.UtcNow);
        }
        Assert.Equal("[] []", Lists());
        Assert.Equal(0L, _fx.Db.Scalar<long>("SELECT count(*) FROM alert_events WHERE source_asn IS NOT NULL"));
    }

    [Fact]
    public void EventRuleAlert_CarriesTheAsOfItsSourceIp_AndAServicePrincipalsEventsHaveNone()
    {
        Load(AsnFiles.Mmdb);
        _fx.Ingest(
        [
            ApiCall.At("2026-03-02T01:03:00Z", "DeleteGuardrail", shape: e => e["sourceIPAddress"] = Sunrise),
            ApiCall.At("2026-03-02T01:05:00Z", "DeleteGuardrail", arn: EventShape.User("svc"), shape: e => e["sourceIPAddress"] = "bedrock.amazonaws.com"),
            ApiCall.At("2026-03-02T01:07:00Z", "DeleteGuardrail", arn: EventShape.User("private"), shape: e => e["sourceIPAddress"] = "10.1.2.3"),
        ]);
        _fx.DetectAll(null, DetectionFixture.At("2026-03-02T04:00:00Z"), [RuleCatalog.Get(Guardrail)]);

        Assert.Equal(
            [
                $"{EventShape.User("private")} [] []",
                $"{EventShape.User("svc")} [] []",
                $"{DetectionFixture.Arn} [6730] [Sunrise Communications AG]",
            ],
            _fx.Db.Query<string>("SELECT user_arn || ' ' || source_asns::VARCHAR || ' ' || source_as_orgs::VARCHAR FROM alerts ORDER BY user_arn"));
    }

    [Fact]
    public void Ecs_AndOcsf_MapTheAs()
    {
        Load(AsnFiles.Mmdb);
        _fx.Ingest(_fx.Burst(600, DetectionFixture.At("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50), e => e["sourceIPAddress"] = Google));
        _fx.Detect(null, "2026-03-02T04:00:00Z");

        var ecs = Lines(AlertFormat.Ecs)[1];
        Assert.Equal("[15169]", ecs["source.as.number"]!.ToJsonString());
        Assert.Equal("[\"Google Inc.\"]", ecs["source.as.organization.name"]!.ToJsonString());
        Assert.Equal("[\"Google Inc.\"]", ecs["Esql.source_as_organization_name_values"]!.ToJsonString());
        var endpoint = Lines(AlertFormat.Ocsf)[0]["evidences"]![0]!["src_endpoint"]!;
        Assert.Equal(Google, (string?)endpoint["ip"]);
        Assert.Equal((15169, "Google Inc."), ((int)endpoint["autonomous_system"]!["number"]!, (string?)endpoint["autonomous_system"]!["name"]));
    }

    [Fact]
    public void Explain_SaysWhetherEachAsIsNewForThePrincipalInThe14DaysBefore()
    {
        Load(AsnFiles.Mmdb);
        // History: the principal called from AS15169 ten days before the alert, and from AS6730 sixteen days before
        // (outside the 14 days); the alert's window has both.
        _fx.Ingest(_fx.Burst(5, DetectionFixture.At("2026-03-01T10:00:00Z"), TimeSpan.FromMinutes(5), e => e["sourceIPAddress"] = "1.0.0.200"));
        _fx.Ingest(_fx.Burst(5, DetectionFixture.At("2026-02-23T10:00:00Z"), TimeSpan.FromMinutes(5), e => e["sourceIPAddress"] = "2001:1700::99"));
        _fx.Ingest(_fx.Burst(300, DetectionFixture.At("2026-03-11T01:00:00Z"), TimeSpan.FromMinutes(50), e => e["sourceIPAddress"] = Google)
            .Concat(_fx.Burst(300, DetectionFixture.At("2026-03-11T01:00:00Z"), TimeSpan.FromMinutes(50), e => e["sourceIPAddress"] = Sunrise)));
        _fx.Detect("2026-03-11T00:00:00Z", "2026-03-11T04:00:00Z");

        JsonObject report;
        using (var session = _fx.Db.Open())
        {
            report = AlertExplanation.Build(session, _fx.Alerts().Single().AlertId);
        }
        var ases = report["novelty"]!.AsArray().Where(n => (string?)n!["kind"] == "source_as")
            .Select(n => $"{n!["value"]} {((bool)n["new"]! ? "new" : "seen")} {n["first_seen"]}");
        Assert.Equal(
            ["AS15169 Google Inc. seen 2026-03-01T10:00:00Z", "AS6730 Sunrise Communications AG new 2026-02-23T10:00:00Z"],
            ases.Order(StringComparer.Ordinal));
    }

    private List<Dictionary<string, object?>> Probe()
    {
        var events = _fx.Burst(300, DetectionFixture.At("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50), e => e["sourceIPAddress"] = Google);
        events.AddRange(_fx.Burst(300, DetectionFixture.At("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50), e => e["sourceIPAddress"] = Sunrise));
        _fx.Ingest(events);
        _fx.Detect(null, "2026-03-02T04:00:00Z");
        return events;
    }

    private string Lists(DetectionFixture? fx = null) =>
        (fx ?? _fx).Db.Scalar<string>("SELECT source_asns::VARCHAR || ' ' || source_as_orgs::VARCHAR FROM alerts");

    private List<JsonObject> Lines(AlertFormat format) => AlertLines.Read(_fx.Db, format);

    private void Load(string path) => AsnFiles.Load(_fx.Db, [path]);

    public void Dispose() => _fx.Dispose();
}
