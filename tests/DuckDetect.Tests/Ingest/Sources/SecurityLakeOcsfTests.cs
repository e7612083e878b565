using System.Text.Json;
using DuckDetect.Tests.Support;
using static DuckDetect.Tests.Ingest.IngestKit;

namespace DuckDetect.Tests.Ingest.Sources;

/// <summary>
/// Amazon Security Lake's OCSF records load to the rows their raw CloudTrail events load to. The pairs of
/// aws-samples/amazon-security-lake-ocsf-validation are AWS's own Parquet output beside the event it was mapped from.
/// </summary>
public sealed class SecurityLakeOcsfTests(SecurityLakeValidationLoad load) : IClassFixture<SecurityLakeValidationLoad>
{
    /// <summary>
    /// What OCSF does not carry as CloudTrail logged it (docs/sources.md): requestParameters, responseElements and
    /// additionalEventData keep only the keys Security Lake left in unmapped, flattened one level; resources are not
    /// read back. request_parameters is checked key by key instead.
    /// </summary>
    public static readonly string[] NotCarried = ["request_parameters", "response_elements", "additional_event_data", "resources"];

    public static string Validation => RealData.PathOf("security-lake-ocsf-validation");

    public static TheoryData<string> Pairs()
    {
        var data = new TheoryData<string>();
        foreach (var parquet in Directory.GetFiles(Validation, "*.test.gz.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Validation, parquet));
        }
        return data;
    }

    [Fact]
    public void ValidationSamples_AreAllThere()
    {
        Assert.Equal(21, Pairs().Count);
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Ingest_SecurityLakeParquet_LoadsTheRowOfItsRawEvent(string pair)
    {
        var parquet = Path.Combine(Validation, pair);
        var raw = SecurityLakeValidationLoad.RawOf(parquet);
        var id = load.Parquet.Scalar<string?>("SELECT event_id FROM cloudtrail_events WHERE source_file = $parquet", new { parquet });

        // The pairs load together (one database for the Parquet files, one for the raw events); a pair whose eventID
        // another pair took first (UnknownAPI and UpdateTrail share one) is loaded on its own.
        var (expected, actual) = id is not null
            ? (EventRow(load.Raw, id), EventRow(load.Parquet, id))
            : (SourceRows.LoadSingle(raw), SourceRows.LoadSingle(parquet));

        Assert.Equal(raw, expected["source_file"]);
        SourceRows.AssertSameRow(expected, actual, NotCarried);
        AssertRequestParametersAgree(expected["request_parameters"], actual["request_parameters"]);
        Assert.NotNull(actual["event_id"]);
        Assert.NotNull(actual["account_id"]);
    }

    [Fact]
    public void Ingest_SecurityLakeParquet_FormatIsRecorded()
    {
        using var db = new TempDatabase();
        var path = Path.Combine(Validation, "api_activity", "UpdateTrail.test.gz.parquet");

        RunIngest(db, path);

        Assert.Equal("parquet", FileRow(db, path).Format);
        Assert.Equal("TrailNotFoundException", db.Scalar<string>("SELECT error_code FROM cloudtrail_events"));
    }

    /// <summary>elastic/beats' JSON twin of a Security Lake Parquet row: unmapped as {key, value} pairs, requestParameters whole.</summary>
    [Fact]
    public void Ingest_SecurityLakeRowAsNdjson_LoadsTheRowOfItsRawEventWithRequestParametersWhole()
    {
        var expected = SourceRows.LoadSingle(Path.Combine(Validation, "api_activity", "input", "CreateLoadBalancer.test.gz"));
        var actual = SourceRows.LoadSingle(RealData.PathOf("elastic-beats/parquet-testdata-cloudtrail.ndjson"));

        SourceRows.AssertSameRow(expected, actual, "resources");
        Assert.Equal("ndjson+ocsf", FileRowOf(RealData.PathOf("elastic-beats/parquet-testdata-cloudtrail.ndjson")).Format);
    }

    [Fact]
    public void Ingest_ElasticsSecurityLakeSample_Loads()
    {
        var row = SourceRows.LoadSingle(RealData.PathOf("elastic-integrations/amazon_security_lake-test-api-activity.log"));

        Assert.Equal("DescribeDirectConnectGateways", row["event_name"]);
        Assert.Equal("directconnect.amazonaws.com", row["event_source"]);
        Assert.Equal("811596193553", row["account_id"]);
        Assert.Equal("AIDADO2GQD0K8TEF7KW1V", row["user_principal_id"]);
        Assert.Equal("1.128.0.0", row["source_ip"]);
        Assert.Equal("2020-09-21 22:22:52.000000", row["event_time"]);
    }

    public static TheoryData<string> OcsfExamples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RealData.PathOf("ocsf-examples"), "*.ocsf").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    /// <summary>
    /// ocsf/examples' CloudTrail mappings (rc.2, 1.1, 1.5; pretty-printed single objects) load, and give the fields the
    /// rule reads as their raw events do; the rc.2 and 1.1 ones, Security Lake's two source versions, every carried field.
    /// </summary>
    [Theory]
    [MemberData(nameof(OcsfExamples))]
    public void Ingest_OcsfExample_LoadsTheRowOfItsRawEvent(string name)
    {
        var ocsf = RealData.PathOf("ocsf-examples/" + name);

        var expected = SourceRows.LoadSingle(Path.ChangeExtension(ocsf, ".raw"));
        var actual = SourceRows.LoadSingle(ocsf);

        if (name.StartsWith("v1.5.0", StringComparison.Ordinal))
        {
            // 1.5 is not a Security Lake source version: its example puts an Identity Center user's ids elsewhere.
            foreach (var field in new[] { "event_id", "event_time", "event_source", "event_name", "error_code", "error_message",
                         "user_type", "user_arn", "account_id", "source_ip", "user_agent", "region" })
            {
                Assert.Equal(expected[field], actual[field]);
            }
        }
        else
        {
            SourceRows.AssertSameRow(expected, actual, NotCarried);
        }
    }

    [Theory]
    [InlineData("object")]
    [InlineData("pairs")]
    public void Ingest_Rc2RecordWithFlattenedRequestParameters_GivesTheModelIdAsRawCloudTrail(string unmappedForm)
    {
        using var db = new TempDatabase();
        var entries = new Dictionary<string, string>
        {
            ["requestParameters.modelId"] = "arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.claude-3-5-sonnet-20240620-v1:0",
            ["requestParameters.accept"] = "application/json",
            ["recipientAccountId"] = "111122223333",
        };
        object unmapped = unmappedForm == "object" ? entries : entries.Select(e => new { key = e.Key, value = e.Value }).ToList();
        var path = db.WriteInput("rc2.json", JsonSerializer.Serialize(OcsfRecord("rc2-1", "1.0.0-rc.2", 3005, unmapped)) + "\n");

        RunIngest(db, path);

        var row = EventRow(db, "rc2-1");
        Assert.Equal(entries["requestParameters.modelId"], SourceRows.ModelId(row["request_parameters"]));
        Assert.Equal("""{"modelId":"arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.claude-3-5-sonnet-20240620-v1:0","accept":"application/json"}""",
            row["request_parameters"]);
        Assert.Equal("arn:aws:sts::111122223333:assumed-role/prober/session", row["user_arn"]);
        Assert.Equal("AROAEXAMPLE:probe", row["user_principal_id"]);
        Assert.Equal("InvokeModel", row["event_name"]);
        Assert.Equal("bedrock.amazonaws.com", row["event_source"]);
        Assert.Equal("111122223333", row["recipient_account_id"]);
    }

    [Fact]
    public void Ingest_Ocsf11Record_TakesTheRequestDataAndTheActorsUidAsArn()
    {
        using var db = new TempDatabase();
        var record = OcsfRecord("v11-1", "1.1.0", 6003, new Dictionary<string, string>());
        var path = db.WriteInput("v11.json", JsonSerializer.Serialize(new[] { record }));

        RunIngest(db, path);

        var row = EventRow(db, "v11-1");
        Assert.Equal("""{"modelId":"amazon.titan-text-express-v1"}""", row["request_parameters"]);
        Assert.Equal("arn:aws:iam::111122223333:user/alice", row["user_arn"]);
        Assert.Equal("AIDAEXAMPLE", row["user_principal_id"]);
        Assert.Equal("111122223333", row["account_id"]);
        Assert.Equal("jsonarray+ocsf", FileRow(db, path).Format);
    }

    /// <summary>The account: the actor's, else recipientAccountId, else cloud.account.uid, else the accountId= partition.</summary>
    [Theory]
    [InlineData("actor", "111122223333")]
    [InlineData("recipient", "444455556666")]
    [InlineData("cloud", "777788889999")]
    [InlineData("partition", "999900001111")]
    public void Ingest_OcsfRecord_TakesTheAccountFromTheFirstThatNamesOne(string first, string account)
    {
        using var db = new TempDatabase();
        var record = OcsfRecord("acct-1", "1.1.0", 6003, first is "actor" or "recipient"
            ? new Dictionary<string, string> { ["recipientAccountId"] = "444455556666" }
            : new Dictionary<string, string>());
        if (first != "actor")
        {
            ((Dictionary<string, object?>)((Dictionary<string, object?>)record["actor"]!)["user"]!).Remove("account");
        }
        if (first is "actor" or "recipient" or "cloud")
        {
            ((Dictionary<string, object?>)record["cloud"]!)["account"] = new Dictionary<string, object?> { ["uid"] = "777788889999" };
        }
        var path = db.WriteInput("CLOUD_TRAIL_MGMT/2.0/region=us-east-1/accountId=999900001111/eventDay=20240501/r.json",
            JsonSerializer.Serialize(record) + "\n");

        RunIngest(db, path);

        Assert.Equal(account, EventRow(db, "acct-1")["account_id"]);
    }

    [Fact]
    public void Ingest_OcsfRecordFromAServiceDomain_KeepsTheDomainAsLoggedAndNoIp()
    {
        using var db = new TempDatabase();
        var record = OcsfRecord("dom-1", "1.1.0", 6003, new Dictionary<string, string>());
        record["src_endpoint"] = new Dictionary<string, object?> { ["domain"] = "bedrock.amazonaws.com" };
        var path = db.WriteInput("dom.json", JsonSerializer.Serialize(record) + "\n");

        RunIngest(db, path);

        var row = EventRow(db, "dom-1");
        Assert.Equal("bedrock.amazonaws.com", row["source_ip_address"]);
        Assert.Null(row["source_ip"]);
    }

    /// <summary>An OCSF API Activity record of <paramref name="version"/> (rc.2 or 1.1 actor shape) for an InvokeModel call.</summary>
    public static Dictionary<string, object?> OcsfRecord(string uid, string version, int classUid, object unmapped)
    {
        var rc2 = version.StartsWith("1.0.0-rc", StringComparison.Ordinal);
        var user = rc2
            ? new Dictionary<string, object?>
            {
                ["type"] = "AssumedRole", ["uid"] = "AROAEXAMPLE:probe", ["uuid"] = "arn:aws:sts::111122223333:assumed-role/prober/session",
                ["account_uid"] = "111122223333", ["credential_uid"] = "ASIAEXAMPLE",
            }
            : new Dictionary<string, object?>
            {
                ["type"] = "IAMUser", ["uid"] = "arn:aws:iam::111122223333:user/alice", ["uid_alt"] = "AIDAEXAMPLE", ["name"] = "alice",
                ["account"] = new Dictionary<string, object?> { ["uid"] = "111122223333" }, ["credential_uid"] = "AKIAEXAMPLE",
            };
        var api = new Dictionary<string, object?>
        {
            ["operation"] = "InvokeModel",
            ["service"] = new Dictionary<string, object?> { ["name"] = "bedrock.amazonaws.com" },
            ["request"] = rc2
                ? new Dictionary<string, object?> { ["uid"] = "req-" + uid }
                : new Dictionary<string, object?> { ["uid"] = "req-" + uid, ["data"] = """{"modelId":"amazon.titan-text-express-v1"}""" },
            ["response"] = new Dictionary<string, object?>(),
        };
        return new Dictionary<string, object?>
        {
            ["activity_id"] = 99,
            ["actor"] = new Dictionary<string, object?> { ["user"] = user },
            ["api"] = api,
            ["class_uid"] = classUid,
            ["cloud"] = new Dictionary<string, object?> { ["provider"] = "AWS", ["region"] = "us-east-1" },
            ["http_request"] = new Dictionary<string, object?> { ["user_agent"] = "Boto3/1.34.0" },
            ["metadata"] = new Dictionary<string, object?>
            {
                ["uid"] = uid, ["version"] = version,
                ["product"] = new Dictionary<string, object?> { ["name"] = "CloudTrail", ["vendor_name"] = "AWS", ["version"] = "1.09" },
            },
            ["src_endpoint"] = new Dictionary<string, object?> { ["ip"] = "198.51.100.7" },
            ["time"] = T0.ToUnixTimeMilliseconds(),
            ["unmapped"] = unmapped,
        };
    }

    private static FileRow FileRowOf(string path)
    {
        using var db = new TempDatabase();
        RunIngest(db, path);
        return FileRow(db, path);
    }

    /// <summary>Every key left in the OCSF record's rebuilt requestParameters holds the raw event's value (as text).</summary>
    private static void AssertRequestParametersAgree(string? raw, string? ocsf)
    {
        if (ocsf is null)
        {
            return;
        }
        Assert.NotNull(raw);
        using var rawDoc = JsonDocument.Parse(raw);
        using var ocsfDoc = JsonDocument.Parse(ocsf);
        foreach (var property in ocsfDoc.RootElement.EnumerateObject())
        {
            if (!rawDoc.RootElement.TryGetProperty(property.Name, out var value))
            {
                // A flattened nested key (principalTags.Project) or array (subnets[]) of the raw object.
                Assert.True(property.Name.Contains('.', StringComparison.Ordinal) || property.Name.EndsWith("[]", StringComparison.Ordinal), property.Name);
                continue;
            }
            Assert.Equal(value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText(), property.Value.GetString());
        }
    }
}
