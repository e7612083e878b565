using System.Text.Json;
using DuckDetect.Tests.Support;
using static DuckDetect.Tests.Ingest.IngestKit;

namespace DuckDetect.Tests.Ingest.Sources;

/// <summary>
/// CloudTrail event history (`aws cloudtrail lookup-events`): the event embedded as a JSON string in CloudTrailEvent
/// loads exactly as the same event in a raw file does. plaso's sample is six real-shaped lookup-events records, NDJSON.
/// </summary>
public sealed class EventHistoryTests
{
    private static string Plaso => RealData.PathOf("plaso/aws_cloudtrail.jsonl");

    private static List<JsonElement> PlasoRecords() =>
        File.ReadLines(Plaso).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    [Theory]
    [InlineData("ndjson", "ndjson+eventhistory")]
    [InlineData("lookup-events", "lookupevents+eventhistory")]
    [InlineData("lookup-events gzip", "lookupevents+eventhistory+gzip")]
    [InlineData("array", "jsonarray+eventhistory")]
    public void Ingest_EventHistory_LoadsTheRowsOfTheEmbeddedEvents(string form, string format)
    {
        using var history = new TempDatabase();
        using var raw = new TempDatabase();
        var records = PlasoRecords();
        var path = form switch
        {
            "ndjson" => Plaso,
            "lookup-events" => history.WriteInput("events.json", JsonSerializer.Serialize(new { Events = records, NextToken = "x" })),
            "lookup-events gzip" => history.WriteGzipInput("events.json.gz", JsonSerializer.Serialize(new { Events = records })),
            _ => history.WriteInput("events.json", JsonSerializer.Serialize(records)),
        };
        var rawPath = raw.WriteInput("raw.ndjson", string.Join('\n', records.Select(r => r.GetProperty("CloudTrailEvent").GetString())) + "\n");

        var run = RunIngest(history, path);
        RunIngest(raw, rawPath);

        Assert.Empty(run.Summary.Failures);
        Assert.Equal(6, run.Summary.EventsNew);
        Assert.Equal(format, FileRow(history, path).Format);
        foreach (var id in EventIds(raw))
        {
            SourceRows.AssertSameRow(EventRow(raw, id), EventRow(history, id));
        }
        Assert.Equal(EventIds(raw), EventIds(history));
    }

    [Fact]
    public void Ingest_EventHistoryRecordWithoutCloudTrailEvent_IsSkippedAndCounted()
    {
        using var db = new TempDatabase();
        var lines = File.ReadLines(Plaso).Where(l => l.Length > 0).Take(2)
            .Append("""{"EventId": "x", "EventName": "DescribeInstances"}""");
        var path = db.WriteInput("history.jsonl", string.Join('\n', lines) + "\n");

        var run = RunIngest(db, path);

        Assert.Empty(run.Summary.Failures);
        Assert.Equal(2, run.Summary.EventsNew);
        Assert.Equal(1, run.Summary.EventsSkipped);
    }

    [Fact]
    public void Ingest_EventHistoryWithAnEmbeddedEventThatIsNotJson_FailsTheFile()
    {
        using var db = new TempDatabase();
        var good = db.WriteInput("good.json", CloudTrailJson.Delivery(Events("good", 1)));
        var path = db.WriteInput("history.jsonl",
            File.ReadLines(Plaso).First() + "\n" + """{"EventId": "x", "CloudTrailEvent": "{\"eventID\": \"x\", "}""" + "\n");

        var run = RunIngest(db, good, path);

        var failure = Assert.Single(run.Summary.Failures);
        Assert.Equal(path, failure.Path);
        Assert.Contains("Malformed JSON", failure.Reason, StringComparison.Ordinal);
        Assert.Equal(["good-0"], EventIds(db));
    }
}
