using System.IO.Compression;
using System.Text;
using DuckDetect.Tests.Support;
using static DuckDetect.Tests.Ingest.IngestKit;

namespace DuckDetect.Tests.Ingest;

/// <summary>A gzip file loads only when it is whole; one cut short fails instead of loading part of its events.</summary>
public sealed class GzipTests
{
    private static byte[] Gzip(string text) => Gzip(Encoding.UTF8.GetBytes(text));

    private static byte[] Gzip(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal))
        {
            gzip.Write(data);
        }
        return buffer.ToArray();
    }

    private static string WriteBytes(TempDatabase db, string name, byte[] bytes)
    {
        var path = Path.Combine(db.InputFolder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Ingest_GzipCutAtALineBoundary_FailsInsteadOfLoadingPart()
    {
        using var db = new TempDatabase();
        var lines = Encoding.UTF8.GetBytes(CloudTrailJson.Ndjson(Events("cut", 10)));
        var firstHalf = Encoding.UTF8.GetBytes(CloudTrailJson.Ndjson(Events("cut", 5)));
        Assert.Equal(firstHalf, lines[..firstHalf.Length]);
        using var buffer = new MemoryStream();
        long cut;
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(firstHalf);
            gzip.Flush(); // a sync flush: everything so far can be inflated from the bytes written so far
            cut = buffer.Length;
            gzip.Write(lines[firstHalf.Length..]);
        }
        var path = WriteBytes(db, "cut.ndjson.gz", buffer.ToArray()[..(int)cut]);

        var run = RunIngest(db, path);

        var failure = Assert.Single(run.Summary.Failures);
        Assert.Contains("truncated gzip", failure.Reason, StringComparison.Ordinal);
        Assert.Equal(0, EventCount(db));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(100)]
    public void Ingest_GzipMissingItsLastBytes_Fails(int missing)
    {
        using var db = new TempDatabase();
        var whole = Gzip(CloudTrailJson.Delivery(Events("t", 20)));
        var path = WriteBytes(db, "short.json.gz", whole[..^missing]);

        var run = RunIngest(db, path);

        var failure = Assert.Single(run.Summary.Failures);
        Assert.Contains("truncated gzip", failure.Reason, StringComparison.Ordinal);
        Assert.Equal("failed", FileRow(db, path).Status);
    }

    [Fact]
    public void Ingest_GzipOnlyItsHeader_Fails()
    {
        using var db = new TempDatabase();
        var path = WriteBytes(db, "header.json.gz", Gzip(CloudTrailJson.Delivery(Events("h", 2)))[..10]);

        var run = RunIngest(db, path);

        Assert.Contains("truncated gzip", Assert.Single(run.Summary.Failures).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Ingest_GzipWithCorruptData_Fails()
    {
        using var db = new TempDatabase();
        var bytes = Gzip(CloudTrailJson.Delivery(Events("c", 50)));
        for (var i = bytes.Length / 3; i < bytes.Length / 3 + 16; i++)
        {
            bytes[i] ^= 0x5a;
        }
        var path = WriteBytes(db, "corrupt.json.gz", bytes);

        var run = RunIngest(db, path);

        var failure = Assert.Single(run.Summary.Failures);
        Assert.Contains("gzip", failure.Reason.Replace(path, "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(0, EventCount(db));
    }

    [Fact]
    public void Ingest_GzipOfSeveralMembers_LoadsEveryMember()
    {
        using var db = new TempDatabase();
        var members = Gzip(CloudTrailJson.Ndjson(Events("m1", 3)))
            .Concat(Gzip(CloudTrailJson.Ndjson(Events("m2", 2, T0.AddHours(1)))))
            .Concat(Gzip(CloudTrailJson.Ndjson(Events("m3", 4, T0.AddHours(2)))))
            .ToArray();
        var path = WriteBytes(db, "members.ndjson.gz", members);

        var run = RunIngest(db, path);

        Assert.Empty(run.Summary.Failures);
        Assert.Equal(9, EventCount(db));
    }

    [Fact]
    public void Ingest_GzipEndingWithAnEmptyMember_Loads()
    {
        using var db = new TempDatabase();
        var bytes = Gzip(CloudTrailJson.Ndjson(Events("e", 3))).Concat(Gzip([])).ToArray();
        var path = WriteBytes(db, "bgzip-style.ndjson.gz", bytes);

        var run = RunIngest(db, path);

        Assert.Empty(run.Summary.Failures);
        Assert.Equal(3, EventCount(db));
    }

    [Fact]
    public void Ingest_GzipOfNothing_LoadsAsEmpty()
    {
        using var db = new TempDatabase();
        var path = WriteBytes(db, "nothing.json.gz", Gzip([]));

        var run = RunIngest(db, path);

        Assert.Empty(run.Summary.Failures);
        Assert.Equal("loaded", FileRow(db, path).Status);
    }

    [Fact]
    public void Ingest_GzipContentWithoutGzSuffix_IsRecognisedFromItsBytes()
    {
        using var db = new TempDatabase();
        var path = WriteBytes(db, "compressed-but-named.json", Gzip(CloudTrailJson.Delivery(Events("g", 2))));
        var plain = db.WriteInput("plain-but-named.json.gz", CloudTrailJson.Delivery(Events("p", 2)));

        var run = RunIngest(db, path, plain);

        Assert.Empty(run.Summary.Failures);
        Assert.Equal(["g-0", "g-1", "p-0", "p-1"], EventIds(db));
        Assert.Equal("delivery+gzip", FileRow(db, path).Format);
        Assert.Equal("delivery", FileRow(db, plain).Format);
    }
}
