using Dapper;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Detection;

/// <summary>
/// The analyst context of an alert (Elastic's VALUES() columns, first and last seen): the distinct values of the
/// counted events of that window, principal, account and model, and of no other event.
/// </summary>
public sealed class AlertContextTests : IDisposable
{
    private readonly DetectionFixture _f = new();

    [Fact]
    public void Detect_AlertContext_ListsTheDistinctValuesOfTheWindowsOwnEvents()
    {
        var i = 0;
        var probe = _f.Burst(500, DetectionFixture.At("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50), e =>
        {
            var n = i++;
            e["sourceIPAddress"] = n % 3 == 0 ? "198.51.100.1" : n % 3 == 1 ? "198.51.100.2" : "bedrock.amazonaws.com";
            e["userAgent"] = n % 2 == 0 ? "Boto3/1.34.0" : "aws-cli/2.15.0";
            e["awsRegion"] = n % 4 == 0 ? "us-west-2" : "us-east-1";
            e["eventName"] = n % 5 == 0 ? "Converse" : "InvokeModel";
            var identity = (Dictionary<string, object?>)e["userIdentity"]!;
            identity["accessKeyId"] = n % 2 == 0 ? "ASIAKEYONE" : "ASIAKEYTWO";
        });
        // Neither of these may show in the context: an event of the same principal and model an hour before the
        // window, and events of another model and of another principal inside it.
        var before = _f.Burst(1, DetectionFixture.At("2026-03-01T23:30:00Z"), TimeSpan.FromMinutes(1),
            e => e["sourceIPAddress"] = "203.0.113.99");
        var otherModel = _f.Burst(3, DetectionFixture.At("2026-03-02T01:10:00Z"), TimeSpan.FromMinutes(1), e =>
        {
            e["requestParameters"] = new Dictionary<string, object?> { ["modelId"] = "amazon.titan-text-express-v1" };
            e["sourceIPAddress"] = "203.0.113.98";
        });
        var otherPrincipal = _f.Burst(3, DetectionFixture.At("2026-03-02T01:20:00Z"), TimeSpan.FromMinutes(1), e =>
        {
            var identity = (Dictionary<string, object?>)e["userIdentity"]!;
            identity["arn"] = "arn:aws:iam::111122223333:user/someone-else";
            identity["type"] = "IAMUser";
            e["userAgent"] = "curl/8.0";
        });
        _f.Ingest([.. probe, .. before, .. otherModel, .. otherPrincipal]);

        _f.Detect(null, "2026-03-02T04:00:00Z");

        var alert = Assert.Single(_f.Alerts());
        var context = _f.Db.Query<(string Actions, string Ips, string Agents, string Types, string Keys, string Regions, string Orgs)>(
            """
            SELECT to_json(event_actions)::VARCHAR, to_json(source_ips)::VARCHAR, to_json(user_agents)::VARCHAR,
                   to_json(identity_types)::VARCHAR, to_json(access_key_ids)::VARCHAR, to_json(regions)::VARCHAR,
                   to_json(source_as_orgs)::VARCHAR
            FROM alerts
            """).Single();
        Assert.Equal("""["Converse","InvokeModel"]""", context.Actions);
        // A service name in sourceIPAddress is not an IP address: source.ip stays empty for it.
        Assert.Equal("""["198.51.100.1","198.51.100.2"]""", context.Ips);
        Assert.Equal("""["Boto3/1.34.0","aws-cli/2.15.0"]""", context.Agents);
        Assert.Equal("""["AssumedRole"]""", context.Types);
        Assert.Equal("""["ASIAKEYONE","ASIAKEYTWO"]""", context.Keys);
        Assert.Equal("""["us-east-1","us-west-2"]""", context.Regions);
        Assert.Equal("[]", context.Orgs);
        Assert.Equal(DetectionFixture.At("2026-03-02T01:00:00Z").UtcDateTime, alert.FirstSeen);
        Assert.Equal(probe[^1]["eventTime"], alert.LastSeen.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
    }

    public void Dispose() => _f.Dispose();
}
