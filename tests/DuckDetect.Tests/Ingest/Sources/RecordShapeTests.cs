using System.Text;
using DuckDetect.Core.Ingest;

namespace DuckDetect.Tests.Ingest.Sources;

/// <summary>
/// A file's record shape comes from the first field of its first record that tells one (FileSniffer, RecordKeys), read
/// from the file's first 4 KiB when they settle it, else from its first 64 KiB.
/// </summary>
public sealed class RecordShapeTests
{
    [Theory]
    [InlineData("""{"Records": [{"eventVersion": "1.09"}]}""", FileFormat.Delivery, RecordShape.CloudTrail)]
    [InlineData("""{"Events": [{"EventId": "x", "CloudTrailEvent": "{}"}], "NextToken": "t"}""", FileFormat.LookupEvents, RecordShape.EventHistory)]
    [InlineData("""[{"eventVersion": "1.09", "eventID": "x"}]""", FileFormat.JsonArray, RecordShape.CloudTrail)]
    [InlineData("""[{"activity_id": 1, "class_uid": 6003}]""", FileFormat.JsonArray, RecordShape.Ocsf)]
    [InlineData("""[{"@timestamp": "2024-05-01T12:00:00Z", "aws": {}}]""", FileFormat.JsonArray, RecordShape.Ecs)]
    [InlineData("""[{"EventId": "x", "CloudTrailEvent": "{}"}]""", FileFormat.JsonArray, RecordShape.EventHistory)]
    [InlineData("""[{"name": "a"}]""", FileFormat.JsonArray, RecordShape.CloudTrail)]
    [InlineData("[1, 2]", FileFormat.JsonArray, RecordShape.CloudTrail)]
    [InlineData("{\"_index\": \"logs\", \"_id\": \"1\", \"_source\": {\"eventID\": \"x\"}}\n", FileFormat.Ndjson, RecordShape.Ecs)]
    [InlineData("{\"metadata\": {\"uid\": \"x\"}, \"time\": 1}\n", FileFormat.Ndjson, RecordShape.Ocsf)]
    [InlineData("{\n  \"class_uid\": 3005\n}\n", FileFormat.JsonValues, RecordShape.Ocsf)]
    // Logstash's @timestamp before CloudTrail's fields is still CloudTrail (and "actor" is both OCSF's and ECS's).
    [InlineData("{\"@timestamp\": \"2020-09-14T01:19:40Z\", \"actor\": {}, \"eventID\": \"x\"}\n", FileFormat.Ndjson, RecordShape.CloudTrail)]
    [InlineData("{\"EventId\": \"x\", \"EventName\": \"Y\", \"CloudTrailEvent\": \"{}\"}\n", FileFormat.Ndjson, RecordShape.EventHistory)]
    public void Classify_FirstRecord_TellsTheShape(string content, FileFormat format, RecordShape shape)
    {
        var result = FileSniffer.Classify(Encoding.UTF8.GetBytes(content), gzip: false);

        Assert.Equal(format, result.Format);
        Assert.Equal(shape, result.Shape);
    }

    /// <summary>A first record whose telling field comes after the first 4 KiB is read from the longer prefix.</summary>
    [Theory]
    [InlineData("class_uid", RecordShape.Ocsf)]
    [InlineData("eventVersion", RecordShape.CloudTrail)]
    [InlineData("_source", RecordShape.Ecs)]
    public void Sniff_ArrayWhoseShapeShowsAfterTheFirst4KiB_IsRecognised(string key, RecordShape shape)
    {
        using var db = new Support.TempDatabase();
        var path = db.WriteInput("late.json", $$"""[{"padding": "{{new string('x', 10_000)}}", "{{key}}": 1}]""");

        var result = FileSniffer.Sniff(path);

        Assert.Equal(FileFormat.JsonArray, result.Format);
        Assert.Equal(shape, result.Shape);
    }
}
