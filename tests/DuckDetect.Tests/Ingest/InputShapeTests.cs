using Dapper;
using DuckDetect.Core.Ingest;
using System.Text.Json;
using DuckDetect.Tests.Support;
using static DuckDetect.Tests.Ingest.IngestKit;

namespace DuckDetect.Tests.Ingest;

/// <summary>Every input shape is recognised from the content, compressed or not, whatever the file is called.</summary>
public sealed class InputShapeTests
{
    public static TheoryData<string, string, bool> JsonShapes()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var gzip in new[] { false, true })
        {
            data.Add("delivery", "events.json", gzip);
            data.Add("array", "events.json", gzip);
            data.Add("single", "events.json", gzip);
            data.Add("single-pretty", "events.json", gzip);
            data.Add("ndjson", "events.jsonl", gzip);
            data.Add("ndjson", "events.ndjson", gzip);
            data.Add("ndjson", "events.json", gzip);
            // The name says nothing: the content decides.
            data.Add("delivery", "events.ndjson", gzip);
            data.Add("array", "events.jsonl", gzip);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(JsonShapes))]
    public void Ingest_JsonShape_LoadsEveryEvent(string shape, string name, bool gzip)
    {
        using var db = new TempDatabase();
        var events = shape.StartsWith("single", StringComparison.Ordinal) ? Events("e", 1) : Events("e", 3);
        var content = shape switch
        {
            "delivery" => CloudTrailJson.Delivery(events),
            "array" => CloudTrailJson.Array(events),
            "single" => JsonSerializer.Serialize(events[0]),
            "single-pretty" => CloudTrailJson.Single(events[0]),
            "ndjson" => CloudTrailJson.Ndjson(events),
            _ => throw new ArgumentOutOfRangeException(nameof(shape)),
        };
        var path = gzip ? db.WriteGzipInput(name + ".gz", content) : db.WriteInput(name, content);

        var run = RunIngest(db, path);

        Assert.Empty(run.Summary.Failures);
        Assert.Equal(events.Count, run.Summary.EventsNew);
        var expectedIds = Enumerable.Range(0, events.Count).Select(i => $"e-{i}").ToList();
        Assert.Equal(expectedIds, EventIds(db));
        var row = FileRow(db, path);
        Assert.Equal("loaded", row.Status);
        Assert.Equal(events.Count, row.EventsRead);
        var format = shape switch
        {
            "delivery" => "delivery",
            "array" => "jsonarray",
            "single-pretty" => "jsonvalues",
            _ => "ndjson",
        };
        Assert.Equal(format + (gzip ? "+gzip" : ""), row.Format);
        var stored = EventRow(db, "e-0");
        Assert.Equal("bedrock.amazonaws.com", stored["event_source"]);
        Assert.Equal("InvokeModel", stored["event_name"]);
        Assert.Equal("2024-05-01 12:00:00.000000", stored["event_time"]);
    }

    [Theory]
    [InlineData("{\"Records\":[]}", false)]
    [InlineData("{\"Records\":[]}", true)]
    [InlineData("{\n  \"Records\": [\n  ]\n}\n", false)]
    [InlineData("[]", false)]
    [InlineData("[]", true)]
    [InlineData("", false)]
    [InlineData("  \n", true)]
    public void Ingest_FileWithoutRecords_LoadsWithNoEvents(string content, bool gzip)
    {
        using var db = new TempDatabase();
        var path = gzip ? db.WriteGzipInput("empty.json.gz", content) : db.WriteInput("empty.json", content);

        var run = RunIngest(db, path);

        Assert.Empty(run.Summary.Failures);
        Assert.Equal(1, run.Summary.FilesLoaded);
        Assert.Equal(0, EventCount(db));
        var row = FileRow(db, path);
        Assert.Equal("loaded", row.Status);
        Assert.Equal(0, row.EventsRead);
        Assert.Null(row.Error);
    }

    [Theory]
    [InlineData("delivery")]
    [InlineData("array")]
    [InlineData("ndjson")]
    [InlineData("single-pretty")]
    public void Ingest_EventLargerThanTheSniffWindow_Loads(string shape)
    {
        using var db = new TempDatabase();
        var big = new string('x', 200_000);
        var events = new List<object>
        {
            EventWith("big-0", ("requestParameters", new Dictionary<string, object?> { ["modelId"] = "m", ["prompt"] = big })),
        };
        var content = shape switch
        {
            "delivery" => CloudTrailJson.Delivery(events),
            "array" => CloudTrailJson.Array(events),
            "ndjson" => CloudTrailJson.Ndjson([.. events, .. Events("small", 2)]),
            _ => CloudTrailJson.Single(events[0]),
        };
        var path = db.WriteGzipInput("big.json.gz", content);

        var run = RunIngest(db, path);

        Assert.Empty(run.Summary.Failures);
        using var parameters = JsonDocument.Parse(EventRow(db, "big-0")["request_parameters"]!);
        Assert.Equal(big.Length, parameters.RootElement.GetProperty("prompt").GetString()!.Length);
    }

    [Theory]
    [InlineData("delivery", false, "delivery")]
    [InlineData("delivery", true, "delivery+gzip")]
    [InlineData("ndjson", false, "ndjson")]
    [InlineData("ndjson", true, "ndjson+gzip")]
    [InlineData("pretty", true, "jsonvalues+gzip")]
    public void Ingest_ShapeSettledOnlyPastTheFirstKilobytes_IsRecognised(string shape, bool gzip, string format)
    {
        using var db = new TempDatabase();
        // The shape shows only after 10 KB: "Records" after a long first field, or the end of a long first line.
        var padding = new string('p', 10_000);
        var content = shape switch
        {
            "delivery" => "{\"Padding\":\"" + padding + "\",\"Records\":" + JsonSerializer.Serialize(Events("d", 2)) + "}",
            "ndjson" => CloudTrailJson.Ndjson([EventWith("d-0", ("userAgent", padding)), .. Events("e", 1)]),
            _ => string.Join("\n", new[] { EventWith("d-0", ("userAgent", padding)), EventWith("e-0") }.Select(e => CloudTrailJson.Single(e))),
        };
        var path = gzip ? db.WriteGzipInput("shape.json.gz", content) : db.WriteInput("shape.json", content);

        var run = RunIngest(db, path);

        Assert.Empty(run.Summary.Failures);
        Assert.Equal(2, EventCount(db));
        Assert.Equal(format, FileRow(db, path).Format);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Ingest_DeliveryFileLargerThanDuckDbsDefaultValueSize_Loads(bool gzip)
    {
        // One JSON value of about 24 MB: DuckDB refuses values over 16 MB unless told the largest to expect, which
        // ingest works out from each batch's largest file (decompressed).
        using var db = new TempDatabase();
        var prompt = new string('x', 2_000_000);
        var events = Enumerable.Range(0, 12)
            .Select(i => (object)EventWith($"big-{i}", ("requestParameters", new Dictionary<string, object?> { ["modelId"] = "m", ["prompt"] = prompt })))
            .ToList();
        var content = CloudTrailJson.Delivery(events);
        Assert.True(content.Length > 20_000_000);
        var path = gzip ? db.WriteGzipInput("big.json.gz", content) : db.WriteInput("big.json", content);

        var run = RunIngest(db, path);

        Assert.Empty(run.Summary.Failures);
        Assert.Equal(12, EventCount(db));
    }

    [Fact]
    public void Ingest_Finished_LeavesDuckDbsMemoryLimitAsItWas()
    {
        using var db = new TempDatabase();
        var path = db.WriteInput("a.json", CloudTrailJson.Array(Events("a", 3)));
        using var session = db.Open();
        var before = session.Connection.ExecuteScalar<string>("SELECT current_setting('memory_limit')");

        new Ingestor(session, new RecordingStatusSink()).Run([path]);

        Assert.Equal(before, session.Connection.ExecuteScalar<string>("SELECT current_setting('memory_limit')"));
    }

    [Fact]
    public void Ingest_DeliveryFileWithRecordsNotFirst_IsReadAsDelivery()
    {
        using var db = new TempDatabase();
        var records = JsonSerializer.Serialize(Events("late", 2));
        var path = db.WriteInput("delivery.json", "{\"Version\":\"x\",\"Records\":" + records + "}");

        var run = RunIngest(db, path);

        Assert.Empty(run.Summary.Failures);
        Assert.Equal(["late-0", "late-1"], EventIds(db));
    }

    [Fact]
    public void Ingest_SeveralPrettyPrintedEventsInOneFile_LoadsEach()
    {
        using var db = new TempDatabase();
        var content = string.Join("\n", Events("p", 3).Select(CloudTrailJson.Single));
        var path = db.WriteInput("pretty.json", content);

        var run = RunIngest(db, path);

        Assert.Empty(run.Summary.Failures);
        Assert.Equal(["p-0", "p-1", "p-2"], EventIds(db));
    }

    [Fact]
    public void Ingest_NdjsonWithBlankLinesAndCrlf_LoadsEachEvent()
    {
        using var db = new TempDatabase();
        var lines = Events("n", 3).Select(e => JsonSerializer.Serialize(e));
        var path = db.WriteInput("crlf.ndjson", string.Join("\r\n\r\n", lines) + "\r\n");

        var run = RunIngest(db, path);

        Assert.Empty(run.Summary.Failures);
        Assert.Equal(["n-0", "n-1", "n-2"], EventIds(db));
    }

    [Fact]
    public void Ingest_Utf8BomBeforeJson_LoadsEvents()
    {
        using var db = new TempDatabase();
        var path = Path.Combine(db.InputFolder, "bom.json");
        File.WriteAllText(path, CloudTrailJson.Delivery(Events("bom", 2)), new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var run = RunIngest(db, path);

        Assert.Empty(run.Summary.Failures);
        Assert.Equal(["bom-0", "bom-1"], EventIds(db));
    }

    [Theory]
    [InlineData("2024-05-01T12:00:00Z", "2024-05-01 12:00:00.000000")]
    [InlineData("2024-05-01T12:00:00.5Z", "2024-05-01 12:00:00.500000")]
    [InlineData("2024-05-01T12:00:00.123Z", "2024-05-01 12:00:00.123000")]
    [InlineData("2024-05-01T12:00:00.123456Z", "2024-05-01 12:00:00.123456")]
    [InlineData("2024-05-01T14:00:00+02:00", "2024-05-01 12:00:00.000000")]
    [InlineData("2024-05-01 12:00:00", "2024-05-01 12:00:00.000000")]
    [InlineData("2024-05-01 12:00:00.000000000", "2024-05-01 12:00:00.000000")]
    [InlineData("2024-05-01 12:00:00.123456789", "2024-05-01 12:00:00.123456")]
    [InlineData("2024-05-01 12:00:00.25", "2024-05-01 12:00:00.250000")]
    public void Ingest_EventTimeFormat_IsReadAsUtc(string eventTime, string expectedUtc)
    {
        using var db = new TempDatabase();
        var path = db.WriteInput("times.json", CloudTrailJson.Delivery([EventWith("t", ("eventTime", eventTime))]));

        var run = RunIngest(db, path);

        Assert.Empty(run.Summary.Failures);
        Assert.Equal(0, run.Summary.EventsSkipped);
        Assert.Equal(expectedUtc, EventTime(db, "t"));
    }
}
