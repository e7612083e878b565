using System.Text.Json;
using DuckDetect.Core;
using DuckDetect.Core.Ingest;
using DuckDetect.Tests.Support;
using static DuckDetect.Tests.Ingest.IngestKit;

namespace DuckDetect.Tests.Ingest;

/// <summary>Fields are normalized the way Elastic's CloudTrail integration does it.</summary>
public sealed class NormalizationTests
{
    private static Dictionary<string, object?> Identity(params (string Field, object? Value)[] fields) =>
        fields.Where(f => f.Value is not null).ToDictionary(f => f.Field, f => f.Value);

    /// <summary>Ingests one record into a throwaway database and returns its stored row (one session for both).</summary>
    private static Dictionary<string, string?> LoadOne(Dictionary<string, object?> record)
    {
        using var db = new TempDatabase();
        var path = db.WriteInput("one.json", CloudTrailJson.Delivery([record]));
        using var session = db.Open();
        var summary = new Ingestor(session, NullStatusSink.Instance).Run([path]);
        Assert.Empty(summary.Failures);
        Assert.Equal(1, summary.EventsNew);
        return EventRow(session.Connection, (string)record["eventID"]!);
    }

    [Fact]
    public void Ingest_Event_MapsCloudTrailFieldsToColumns()
    {
        var record = EventWith("map-1",
            ("userIdentity", new Dictionary<string, object?>
            {
                ["type"] = "AssumedRole",
                ["principalId"] = "AROAEXAMPLE:probe",
                ["arn"] = "arn:aws:sts::111122223333:assumed-role/prober/session",
                ["accountId"] = "111122223333",
                ["accessKeyId"] = "ASIAEXAMPLE",
                ["userName"] = "probe-user",
                ["invokedBy"] = "bedrock.amazonaws.com",
                ["unknownIdentityField"] = new Dictionary<string, object?> { ["ignored"] = true },
                ["sessionContext"] = new Dictionary<string, object?>
                {
                    ["sessionIssuer"] = new Dictionary<string, object?>
                    {
                        ["type"] = "Role",
                        ["arn"] = "arn:aws:iam::111122223333:role/prober",
                        ["userName"] = "prober",
                    },
                    ["attributes"] = new Dictionary<string, object?> { ["mfaAuthenticated"] = "true" },
                },
            }),
            ("errorCode", "AccessDeniedException"),
            ("errorMessage", "not allowed"),
            ("sharedEventID", "shared-1"),
            ("vpcEndpointId", "vpce-1"),
            ("additionalEventData", new Dictionary<string, object?> { ["x"] = 1 }),
            ("resources", new object[] { new Dictionary<string, object?> { ["ARN"] = "arn:aws:bedrock:::x" } }),
            ("unknownTopLevelField", new Dictionary<string, object?> { ["ignored"] = true }));
        var row = LoadOne(record);

        var expected = new Dictionary<string, string?>
        {
            ["event_id"] = "map-1",
            ["event_source"] = "bedrock.amazonaws.com",
            ["event_name"] = "InvokeModel",
            ["event_type"] = "AwsApiCall",
            ["event_category"] = "Management",
            ["event_version"] = "1.09",
            ["error_code"] = "AccessDeniedException",
            ["error_message"] = "not allowed",
            ["user_type"] = "AssumedRole",
            ["user_arn"] = "arn:aws:sts::111122223333:assumed-role/prober/session",
            ["user_principal_id"] = "AROAEXAMPLE:probe",
            ["user_name"] = "probe-user",
            ["user_account_id"] = "111122223333",
            ["access_key_id"] = "ASIAEXAMPLE",
            ["invoked_by"] = "bedrock.amazonaws.com",
            ["session_issuer_type"] = "Role",
            ["session_issuer_arn"] = "arn:aws:iam::111122223333:role/prober",
            ["session_issuer_user_name"] = "prober",
            ["session_mfa_authenticated"] = "true",
            ["account_id"] = "111122223333",
            ["recipient_account_id"] = "111122223333",
            ["region"] = "us-east-1",
            ["source_ip_address"] = "198.51.100.7",
            ["source_ip"] = "198.51.100.7",
            ["user_agent"] = "Boto3/1.34.0",
            ["request_id"] = "req-map-1",
            ["shared_event_id"] = "shared-1",
            ["vpc_endpoint_id"] = "vpce-1",
            ["read_only"] = "true",
            ["management_event"] = "true",
        };
        foreach (var (column, value) in expected)
        {
            Assert.True(value == row[column], $"{column}: expected {value}, got {row[column]}");
        }
        Assert.Equal("2024-05-01 12:00:00.000000", row["event_time"]);
        using var additional = JsonDocument.Parse(row["additional_event_data"]!);
        Assert.Equal(1, additional.RootElement.GetProperty("x").GetInt32());
        using var resources = JsonDocument.Parse(row["resources"]!);
        Assert.Equal("arn:aws:bedrock:::x", resources.RootElement[0].GetProperty("ARN").GetString());
    }

    [Theory]
    [InlineData("111122223333", "999988887777", "111122223333")]
    [InlineData(null, "999988887777", "999988887777")]
    [InlineData("", "999988887777", "999988887777")]
    [InlineData("111122223333", null, "111122223333")]
    [InlineData("111122223333", "", "111122223333")]
    [InlineData(null, null, null)]
    [InlineData("", "", null)]
    public void Ingest_AccountId_IsUserIdentityAccountElseRecipient(string? identityAccount, string? recipient, string? expected)
    {
        var record = EventWith("acct",
            ("userIdentity", Identity(("type", "IAMUser"), ("arn", "arn:aws:iam::111122223333:user/u"), ("accountId", identityAccount))),
            ("recipientAccountId", recipient));
        var row = LoadOne(record);

        Assert.Equal(expected, row["account_id"]);
        Assert.Equal(string.IsNullOrEmpty(identityAccount) ? null : identityAccount, row["user_account_id"]);
        Assert.Equal(string.IsNullOrEmpty(recipient) ? null : recipient, row["recipient_account_id"]);
    }

    [Fact]
    public void Ingest_EventWithoutUserIdentity_FallsBackToRecipientAccount()
    {
        var record = EventWith("no-ui", ("userIdentity", null));
        var row = LoadOne(record);

        Assert.Equal("111122223333", row["account_id"]);
        Assert.Null(row["user_arn"]);
        Assert.Null(row["user_type"]);
    }

    [Fact]
    public void Ingest_EmptyStrings_AreStoredAsNull()
    {
        var record = EventWith("empty",
            ("eventSource", ""), ("eventName", ""), ("eventType", ""), ("eventCategory", ""), ("awsRegion", ""),
            ("sourceIPAddress", ""), ("userAgent", ""), ("errorCode", ""), ("errorMessage", ""), ("requestID", ""),
            ("sharedEventID", ""), ("vpcEndpointId", ""), ("recipientAccountId", ""), ("readOnly", ""), ("managementEvent", ""),
            ("userIdentity", new Dictionary<string, object?>
            {
                ["type"] = "",
                ["arn"] = "",
                ["principalId"] = "",
                ["userName"] = "",
                ["accountId"] = "",
                ["accessKeyId"] = "",
                ["invokedBy"] = "",
                ["sessionContext"] = new Dictionary<string, object?>
                {
                    ["sessionIssuer"] = new Dictionary<string, object?> { ["type"] = "", ["arn"] = "", ["userName"] = "" },
                    ["attributes"] = new Dictionary<string, object?> { ["mfaAuthenticated"] = "" },
                },
            }));
        var row = LoadOne(record);

        string[] columns =
        [
            "event_source", "event_name", "event_type", "event_category", "region", "source_ip_address", "source_ip",
            "user_agent", "error_code", "error_message", "request_id", "shared_event_id", "vpc_endpoint_id",
            "recipient_account_id", "read_only", "management_event", "user_type", "user_arn", "user_principal_id",
            "user_name", "user_account_id", "access_key_id", "invoked_by", "session_issuer_type", "session_issuer_arn",
            "session_issuer_user_name", "session_mfa_authenticated", "account_id",
        ];
        foreach (var column in columns)
        {
            Assert.True(row[column] is null, $"{column} should be NULL, is '{row[column]}'");
        }
    }

    [Fact]
    public void Ingest_JsonNullObjects_AreStoredAsNull()
    {
        var record = EventWith("nulls");
        record["requestParameters"] = null;
        record["responseElements"] = null;
        record["additionalEventData"] = null;
        record["resources"] = null;
        var row = LoadOne(record);

        Assert.Null(row["request_parameters"]);
        Assert.Null(row["response_elements"]);
        Assert.Null(row["additional_event_data"]);
        Assert.Null(row["resources"]);
    }

    [Theory]
    [InlineData("198.51.100.7", "198.51.100.7")]
    [InlineData("0.0.0.0", "0.0.0.0")]
    [InlineData("255.255.255.255", "255.255.255.255")]
    [InlineData("035.249.253.232", "035.249.253.232")] // the anonymised stratus-red-team address, leading zero
    [InlineData("2001:db8::1", "2001:db8::1")]
    [InlineData("::1", "::1")]
    [InlineData("fe80::1%eth0", "fe80::1%eth0")]
    [InlineData("2001:0db8:0000:0000:0000:ff00:0042:8329", "2001:0db8:0000:0000:0000:ff00:0042:8329")]
    [InlineData("::ffff:198.51.100.7", "::ffff:198.51.100.7")]
    [InlineData("64:ff9b::192.0.2.33", "64:ff9b::192.0.2.33")]
    [InlineData("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8")]
    [InlineData("1::", "1::")]
    [InlineData("bedrock.amazonaws.com", null)]
    [InlineData("AWS Internal", null)]
    [InlineData("81.2.69.142, 192.168.10.10", null)]
    [InlineData("256.1.1.1", null)]
    [InlineData("1.2.3", null)]
    [InlineData("1.2.3.4.5", null)]
    [InlineData("deadbeef", null)]
    [InlineData("cafe::beef::1", null)]
    [InlineData(":::", null)]
    [InlineData("1:2:3:4:5:6:7:8:9", null)]
    [InlineData("12345::1", null)]
    [InlineData("ec2.amazonaws.com:443", null)]
    public void Ingest_SourceIp_IsSetOnlyForIpAddresses(string sourceIpAddress, string? expectedIp)
    {
        var row = LoadOne(EventWith("ip", ("sourceIPAddress", sourceIpAddress)));

        Assert.Equal(sourceIpAddress, row["source_ip_address"]);
        Assert.Equal(expectedIp, row["source_ip"]);
    }

    [Fact]
    public void Ingest_RequestParameters_KeepsTheJsonText()
    {
        var parameters = new Dictionary<string, object?>
        {
            ["modelId"] = "anthropic.claude-3-5-sonnet-20240620-v1:0",
            ["inferenceConfig"] = new Dictionary<string, object?> { ["maxTokens"] = 512, ["temperature"] = 0.5 },
            ["messages"] = new object?[] { "ünï \"quoted\" text", 7, true, null },
        };
        var row = LoadOne(EventWith("rp", ("requestParameters", parameters)));

        var stored = row["request_parameters"];
        Assert.NotNull(stored);
        using var actual = JsonDocument.Parse(stored);
        using var expected = JsonDocument.Parse(JsonSerializer.Serialize(parameters));
        Assert.True(JsonElement.DeepEquals(expected.RootElement, actual.RootElement), stored);
        Assert.Equal("anthropic.claude-3-5-sonnet-20240620-v1:0",
            actual.RootElement.GetProperty("modelId").GetString());
    }

    [Fact]
    public void Ingest_ScalarOfTheWrongJsonType_IsKeptAsText()
    {
        var row = LoadOne(EventWith("types", ("errorCode", 200), ("readOnly", "false"), ("managementEvent", "nope")));

        Assert.Equal("200", row["error_code"]);
        Assert.Equal("false", row["read_only"]);
        Assert.Null(row["management_event"]);
    }
}
