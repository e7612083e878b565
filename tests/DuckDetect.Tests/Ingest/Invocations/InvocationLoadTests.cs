using DuckDetect.Tests.Support;
using static DuckDetect.Tests.Ingest.IngestKit;
using static DuckDetect.Tests.Ingest.Invocations.InvocationKit;

namespace DuckDetect.Tests.Ingest.Invocations;

/// <summary>Invocation logs load exactly once, beside CloudTrail, and a bad record is named without losing the rest.</summary>
public sealed class InvocationLoadTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public void SameFileAgainAndRedeliveredUnderAnotherName_AddNothing()
    {
        var path = _db.WriteGzipInput("a/one.json.gz", FixtureText);
        RunIngest(_db, path);
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddMinutes(1));
        var again = RunIngest(_db, path);
        var redelivered = RunIngest(_db, _db.WriteInput("b/copy.json", FixtureText));

        Assert.Equal((13L, 0L), (again.Summary.InvocationsRead, again.Summary.InvocationsNew));
        Assert.Equal((13L, 0L), (redelivered.Summary.InvocationsRead, redelivered.Summary.InvocationsNew));
        Assert.Empty(redelivered.Summary.Failures);
        Assert.Equal(13, Count(_db));
        Assert.Equal(13, _db.Scalar<long>("SELECT count(DISTINCT request_id) FROM bedrock_invocations"));
        Assert.Equal(0L, FileRow(_db, Path.Combine(_db.InputFolder, "b", "copy.json")).EventsNew);
    }

    [Fact]
    public void SameRequestIdTwiceInABatch_CountsOnce_AndPerAccount()
    {
        var path = _db.WriteInput("dup.json", Lines(
            Converse("req-1", "first", second: 1),
            Converse("req-1", "first again", second: 2),
            Converse("req-1", "other account", second: 3, account: "444455556666")));
        _db.WriteInput("later.json", Lines(Converse("req-1", "in another file", second: 0)));

        var run = RunIngest(_db, _db.InputFolder);

        Assert.Equal((4L, 2L), (run.Summary.InvocationsRead, run.Summary.InvocationsNew));
        Assert.Equal(["111122223333", "444455556666"], _db.Query<string>("SELECT account_id FROM bedrock_invocations ORDER BY 1"));
        // The first file in load order wins, then the earliest record.
        Assert.Equal(path, _db.Scalar<string>("SELECT source_file FROM bedrock_invocations WHERE account_id = $a", new { a = Account }));
        Assert.Equal("2024-05-02 08:00:01", _db.Scalar<string>(
            "SELECT strftime(invocation_time, '%Y-%m-%d %H:%M:%S') FROM bedrock_invocations WHERE account_id = $a", new { a = Account }));
    }

    [Fact]
    public void MixedWithCloudTrail_BothLoadInOneCall_WithSeparateCounts()
    {
        _db.WriteGzipInput("AWSLogs/111122223333/CloudTrail/us-east-1/2024/05/01/ct.json.gz", CloudTrailJson.Delivery(Events("ct", 3)));
        _db.WriteGzipInput("AWSLogs/111122223333/BedrockModelInvocationLogs/us-east-1/2024/05/01/12/inv.json.gz", FixtureText);

        var run = RunIngest(_db, _db.InputFolder);

        Assert.Empty(run.Summary.Failures);
        Assert.Equal((3L, 3L), (run.Summary.EventsRead, run.Summary.EventsNew));
        Assert.Equal((13L, 13L), (run.Summary.InvocationsRead, run.Summary.InvocationsNew));
        Assert.Equal(3, EventCount(_db));
        Assert.Equal(13, Count(_db));
    }

    [Fact]
    public void MalformedLine_FailsItsFileNamingTheLine_OthersLoad_AndTheFixedFileLoadsNextRun()
    {
        var good = _db.WriteInput("good.json", Lines(Converse("g-1", "hello there")));
        var bad = _db.WriteInput("bad.json", Lines(Converse("b-1", "one"), Converse("b-2", "two"), "{\"schemaType\": \"ModelInvocationLog\", oops"));

        var run = RunIngest(_db, _db.InputFolder);

        var failure = Assert.Single(run.Summary.Failures);
        Assert.Equal(bad, failure.Path);
        Assert.Equal("malformed JSON on line 3: unexpected character.", failure.Reason);
        Assert.Contains(run.Status.Errors, e => e.StartsWith(bad + ": ", StringComparison.Ordinal) && e.Contains("line 3", StringComparison.Ordinal));
        Assert.Equal(["g-1"], _db.Query<string>("SELECT request_id FROM bedrock_invocations"));
        Assert.Equal("failed", FileRow(_db, bad).Status);
        Assert.Equal("loaded", FileRow(_db, good).Status);

        File.WriteAllText(bad, Lines(Converse("b-1", "one"), Converse("b-2", "two")));
        var fixedRun = RunIngest(_db, _db.InputFolder);

        Assert.Empty(fixedRun.Summary.Failures);
        Assert.Equal(2, fixedRun.Summary.InvocationsNew);
        Assert.Equal(["b-1", "b-2", "g-1"], _db.Query<string>("SELECT request_id FROM bedrock_invocations ORDER BY 1"));
    }

    [Fact]
    public void RecordsWithoutRequestIdOrOfAnotherSchema_AreSkippedAndNamedByLine()
    {
        var path = _db.WriteInput("some.json", Lines(
            Converse("ok-1", "fine"),
            Converse("", "no request id"),
            Converse("ok-2", "fine too"),
            Converse("x-1", "not an invocation", schemaType: "SomethingElse")));

        var run = RunIngest(_db, path);

        Assert.Empty(run.Summary.Failures);
        Assert.Equal((4L, 2L, 2L), (run.Summary.InvocationsRead, run.Summary.InvocationsNew, run.Summary.InvocationsSkipped));
        var warning = Assert.Single(run.Status.Warnings, w => w.StartsWith(path + ": ", StringComparison.Ordinal));
        Assert.Contains("2 of 4 record(s) skipped (line 2, 4)", warning, StringComparison.Ordinal);
        Assert.Equal(2L, FileRow(_db, path).EventsSkipped);
    }

    [Fact]
    public void TemplatesAndNearDuplicates_GroupPromptsThatDifferOnlyInValuesOrAWord()
    {
        RunIngest(_db, _db.WriteInput("probe.json", Lines(
            Converse("t-1", "Does the record of patient 10432 (jane.doe@example.org, id 3f2a9c1e-77b1-4c3e-9a55-0c1d2e3f4a5b) mention \"asthma\"?"),
            Converse("t-2", "Does the record of patient 99 (bob@example.com, id 0a1b2c3d-1111-2222-3333-444455556666) mention \"diabetes\"?"),
            Converse("n-1", "please summarise the quarterly sales report for the northern region in three short bullet points"),
            Converse("n-2", "please summarise the quarterly sales report for the southern region in three short bullet points"),
            Converse("d-1", "write a haiku about autumn leaves falling on a quiet mountain lake at dawn"))));

        string Of(string column, string id) => _db.Scalar<string>($"SELECT {column}::VARCHAR FROM bedrock_invocations WHERE request_id = $id", new { id });
        double Similarity(string a, string b) => _db.Scalar<double>(
            """
            SELECT list_sum(list_transform(range(1, 33), lambda i: CASE WHEN x.prompt_minhash[i] = y.prompt_minhash[i] THEN 1 ELSE 0 END)) / 32.0
            FROM bedrock_invocations x, bedrock_invocations y WHERE x.request_id = $a AND y.request_id = $b
            """, new { a, b });

        Assert.NotEqual(Of("prompt_hash", "t-1"), Of("prompt_hash", "t-2"));
        Assert.Equal(Of("template_hash", "t-1"), Of("template_hash", "t-2"));
        Assert.NotEqual(Of("template_hash", "n-1"), Of("template_hash", "n-2"));
        // One word of 16 changed: 11 of 14 shingles shared (Jaccard 11/17, about 0.65); unrelated prompts share none.
        Assert.InRange(Similarity("n-1", "n-2"), 0.4, 0.9);
        Assert.InRange(Similarity("n-1", "d-1"), 0.0, 0.15);
        Assert.Equal(1.0, Similarity("n-1", "n-1"));
    }
}
