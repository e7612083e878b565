using Dapper;

namespace DuckDetect.Tests.Generate;

/// <summary>--format parquet: the same layout and events, CloudTrail's column names, userIdentity as a struct.</summary>
public sealed class GenerateParquetTests(GeneratedParquetData data) : IClassFixture<GeneratedParquetData>
{
    [Fact]
    public void Parquet_HoldsEveryEvent_InTheDeliveryLayout()
    {
        var events = data.Events;

        Assert.Equal(GeneratedData.EventsPerDay, events.Scalar<long>("SELECT count(DISTINCT event_id) FROM events"));
        Assert.All(data.RelativeFiles(), f => Assert.Matches(
            @"^AWSLogs/\d{12}/CloudTrail/[a-z0-9-]+/2025/06/02/\d{12}_CloudTrail_[a-z0-9-]+_20250602T\d{4}Z_[A-Za-z0-9]{16}\.parquet$", f));
        Assert.Equal("parquet", data.Manifest.Format);
    }

    [Fact]
    public void Parquet_UsesCloudTrailColumnNames_WithUserIdentityAsAStruct()
    {
        var events = data.Events;
        var file = Path.Combine(data.Folder, data.RelativeFiles()[0]);

        var columns = events.Connection
            .Query<(string Name, string Type)>($"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('{file.Replace("'", "''", StringComparison.Ordinal)}'))")
            .ToDictionary(c => c.Name, c => c.Type);

        Assert.StartsWith("STRUCT(", columns["userIdentity"], StringComparison.Ordinal);
        Assert.Contains("arn VARCHAR", columns["userIdentity"], StringComparison.Ordinal);
        Assert.Contains("sessionContext STRUCT(", columns["userIdentity"], StringComparison.Ordinal);
        Assert.Subset(columns.Keys.ToHashSet(), new HashSet<string>
        {
            "eventVersion", "eventTime", "eventSource", "eventName", "awsRegion", "sourceIPAddress", "userAgent",
            "requestParameters", "responseElements", "requestID", "eventID", "readOnly", "eventType", "managementEvent",
            "recipientAccountId", "eventCategory",
        });
    }

    [Fact]
    public void Parquet_HasTheSameEventsAndExpectationsAsJson()
    {
        using var json = new GeneratedData();
        var parquetEvents = data.Events;
        var jsonEvents = json.Events;

        var fromParquet = parquetEvents.Query<string>("SELECT event_id || arn || event_time FROM events WHERE arn IS NOT NULL ORDER BY 1");
        var fromJson = jsonEvents.Query<string>("SELECT event_id || arn || event_time FROM events WHERE arn IS NOT NULL ORDER BY 1");

        Assert.Equal(fromJson, fromParquet);
        Assert.Equal(
            json.Manifest.Cases.Select(c => (c.Name, string.Join(' ', c.ExpectedAlerts.Select(a => a.AlertId)))),
            data.Manifest.Cases.Select(c => (c.Name, string.Join(' ', c.ExpectedAlerts.Select(a => a.AlertId)))));
    }
}
