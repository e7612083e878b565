using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace DuckDetect.Tests.Generate;

/// <summary>The JSON output: CloudTrail's S3 layout, file names and delivery documents.</summary>
public sealed partial class GenerateLayoutTests(GeneratedData data) : IClassFixture<GeneratedData>
{
    [GeneratedRegex(@"^AWSLogs/(\d{12})/CloudTrail/([a-z]{2}-[a-z]+-\d)/(\d{4})/(\d{2})/(\d{2})/\1_CloudTrail_\2_(\d{8})T(\d{2})(\d{2})Z_[A-Za-z0-9]{16}\.json\.gz$")]
    private static partial Regex DeliveryPath();

    [Fact]
    public void Files_FollowTheS3DeliveryLayoutAndCloudTrailNames()
    {
        var files = data.RelativeFiles();

        Assert.NotEmpty(files);
        Assert.Equal(data.Summary.Files, files.Count);
        foreach (var file in files)
        {
            var match = DeliveryPath().Match(file);
            Assert.True(match.Success, file);
            Assert.Equal(match.Groups[3].Value + match.Groups[4].Value + match.Groups[5].Value, match.Groups[6].Value);
            Assert.Equal("20250602", match.Groups[6].Value);
            Assert.Equal(0, int.Parse(match.Groups[8].Value, CultureInfo.InvariantCulture) % 5);
        }
        Assert.Equal(3, files.Select(f => DeliveryPath().Match(f).Groups[1].Value).Distinct().Count());
        Assert.Equal(3, files.Select(f => DeliveryPath().Match(f).Groups[2].Value).Distinct().Count());
    }

    [Fact]
    public void Files_AreOneDeliveryDocumentEach_StartingWithRecords()
    {
        var file = Path.Combine(data.Folder, data.RelativeFiles()[0]);

        using var gzip = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var text = reader.ReadToEnd();

        Assert.StartsWith("{\"Records\":[{\"eventVersion\":", text, StringComparison.Ordinal);
        Assert.EndsWith("}]}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_ReadByDuckDbAsRecords_HoldEveryEventOnce()
    {
        var events = data.Events;

        Assert.Equal(GeneratedData.EventsPerDay, events.Scalar<long>("SELECT count(*) FROM events"));
        Assert.Equal(GeneratedData.EventsPerDay, events.Scalar<long>("SELECT count(DISTINCT event_id) FROM events"));
        Assert.Equal(0, events.Scalar<long>(
            "SELECT count(*) FROM events WHERE event_time IS NULL OR event_id NOT SIMILAR TO '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}'"));
        Assert.Equal(GeneratedData.EventsPerDay, data.Manifest.Events);
    }

    [Fact]
    public void Events_LieInTheirFilesAccountRegionAndFiveMinutes()
    {
        var events = data.Events;

        var misplaced = events.Scalar<long>(
            """
            WITH parsed AS (
                SELECT *, regexp_extract(file, '/([0-9]{12})_CloudTrail_([a-z0-9-]+)_([0-9]{8}T[0-9]{4}Z)_', ['acct', 'region', 'stamp']) AS p
                FROM events
            )
            SELECT count(*) FROM parsed
            WHERE account <> p.acct OR aws_region <> p.region
               OR event_time < strptime(p.stamp, '%Y%m%dT%H%MZ')
               OR event_time >= strptime(p.stamp, '%Y%m%dT%H%MZ') + INTERVAL 5 MINUTE
            """);

        Assert.Equal(0, misplaced);
    }

    [Fact]
    public void Events_MixEverydayApisWithBedrockRuntimeAndControlPlane()
    {
        var events = data.Events;

        var sources = events.Query<string>("SELECT DISTINCT event_source FROM events");
        var bedrock = events.Query<string>("SELECT DISTINCT event_name FROM events WHERE event_source = 'bedrock.amazonaws.com'");
        var models = events.Query<string>("SELECT DISTINCT model_id FROM events WHERE model_id IS NOT NULL");
        var errors = events.Query<string>("SELECT DISTINCT error_code FROM events WHERE event_source = 'bedrock.amazonaws.com' AND error_code IS NOT NULL");

        Assert.True(sources.Count >= 15, string.Join(", ", sources));
        Assert.Subset(bedrock.ToHashSet(), new HashSet<string>
        {
            "InvokeModel", "Converse", "ConverseStream", "InvokeModelWithResponseStream", "ListFoundationModels", "GetFoundationModel",
        });
        Assert.Contains(models, m => m.StartsWith("arn:aws:bedrock:", StringComparison.Ordinal));
        Assert.Contains(models, m => m.StartsWith("us.", StringComparison.Ordinal));
        Assert.Contains(models, m => m.StartsWith("anthropic.", StringComparison.Ordinal));
        Assert.Subset(errors.ToHashSet(), new HashSet<string> { "AccessDenied", "ThrottlingException" });
    }
}
