using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Destinations;

/// <summary>The Security Hub destination, through the AWS SDK's runtime, against Security Hub's REST-JSON API served locally.</summary>
public sealed class SecurityHubDestinationTests : IDisposable
{
    private const string Region = "eu-west-1";
    private const string Account = "123456789012";

    private readonly DestinationScenario _s = new();
    private readonly SecurityHubReceiver _hub = new(Region);

    public SecurityHubDestinationTests()
    {
        _s.Environment["AWS_ACCESS_KEY_ID"] = SecurityHubReceiver.AccessKey;
        _s.Environment["AWS_SECRET_ACCESS_KEY"] = SecurityHubReceiver.SecretKey;
        _s.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        Assert.Equal(0, _s.Add("hub", "--type", "securityhub", "--region", Region, "--account-id", Account, "--url", _hub.Server.Url).ExitCode);
    }

    [Fact]
    public void SecurityHub_SameFindingUpdated_ArchivedOnRetraction_TriageAsWorkflow()
    {
        _s.Create();
        Assert.Equal(0, _s.Run().ExitCode);
        var id = _s.AlertId;
        var created = _hub.Findings[id].DeepClone().AsObject();
        _s.Update();
        Assert.Equal(0, _s.Run().ExitCode);
        var updated = _hub.Findings[id].DeepClone().AsObject();
        _s.Retract();
        Assert.Equal(0, _s.Run().ExitCode);
        var other = _s.Db.Query<string>("SELECT alert_id FROM alerts ORDER BY 1").First();
        Assert.Equal(0, _s.Cli("triage", other, "--status", "closed", "--reason", "false_positive", "--note", "load test", "--by", "ana", "--db", _s.Db.Path).ExitCode);
        var triaged = _s.Run();

        Assert.True(triaged.ExitCode == 0, triaged.ToString());
        Assert.Equal(("ACTIVE", "NEW", Account, $"arn:aws:securityhub:{Region}:{Account}:product/{Account}/default"),
            ((string?)created["RecordState"], (string?)created["Workflow"]!["Status"], (string?)created["AwsAccountId"], (string?)created["ProductArn"]));
        Assert.Equal(("2018-10-08", "MEDIUM", DetectionFixture.Arn), ((string?)created["SchemaVersion"], (string?)created["Severity"]!["Label"], (string?)created["Resources"]![0]!["Id"]));
        Assert.Equal("1", (string?)created["ProductFields"]!["duckdetect/revision"]);
        Assert.Equal(("2", "700"), ((string?)updated["ProductFields"]!["duckdetect/revision"], (string?)updated["ProductFields"]!["duckdetect/inference_call_count"]));
        Assert.True(string.CompareOrdinal((string?)updated["UpdatedAt"], (string?)created["UpdatedAt"]) > 0);
        Assert.Equal("ARCHIVED", (string?)_hub.Findings[id]["RecordState"]);
        var closed = _hub.Findings[other];
        Assert.Equal(("SUPPRESSED", "FALSE_POSITIVE"), ((string?)closed["Workflow"]!["Status"], (string?)closed["VerificationState"]));
        Assert.Equal("DuckDetect triage: closed (false_positive) by ana: load test", (string?)closed["Note"]!["Text"]);
        Assert.Equal(_s.Db.Scalar<long>("SELECT count(DISTINCT alert_id) FROM alert_changes"), _hub.Findings.Count);
    }

    [Fact]
    public void SecurityHub_Throttled_RetriesAfterRetryAfter()
    {
        _s.Create();
        _hub.Server.Then(SecurityHubReceiver.Error(429, "TooManyRequestsException", "Rate exceeded") with
        {
            Headers = new Dictionary<string, string> { ["x-amzn-ErrorType"] = "TooManyRequestsException", ["Retry-After"] = "1" },
        });

        var run = _s.Run();

        Assert.True(run.ExitCode == 0, run.ToString());
        var requests = _hub.Server.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(0.9));
        Assert.Single(_hub.Findings);
    }

    public void Dispose()
    {
        _hub.Dispose();
        _s.Dispose();
    }
}
