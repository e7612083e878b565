using DuckDetect.Tests.Support;
using static DuckDetect.Tests.Ingest.Invocations.SeparateBodyKit;

namespace DuckDetect.Tests.Ingest.Invocations;

/// <summary>
/// The command line (the installed program, native in a full run) reading bodies delivered separately from the local S3
/// server: <c>run</c> over a bucket whose body objects are missing warns and loads, <c>ingest --retry-bodies</c> reads
/// them once they are there, and no secret reaches an output.
/// </summary>
public sealed class SeparateBodyCliTests
{
    [Fact]
    public void Run_warns_of_unread_bodies_and_ingest_retry_bodies_reads_them_once_they_are_there()
    {
        using var bucket = new S3TestBucket();
        using var db = new TempDatabase();
        var (record, input, output) = Separate(InvokeModel("cli-1"), bucket.PathOf(BodyKey("cli-1", "input")), bucket.PathOf(BodyKey("cli-1", "output")));
        bucket.PutGzip(LogKey("cli"), InvocationKit.Lines(record));
        string[] endpoint = ["--endpoint-url", bucket.Server.Endpoint, "--db", db.Path];

        var run = Support.Cli.Run(["run", bucket.Url(), .. endpoint], S3Server.Environment);
        var unread = InvocationKit.Row(db, "cli-1");
        bucket.PutGzip(BodyKey("cli-1", "input"), input);
        bucket.PutGzip(BodyKey("cli-1", "output"), output);
        var retry = Support.Cli.Run(["ingest", "--retry-bodies", bucket.Url(), .. endpoint], S3Server.Environment);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("warning: 1 new Bedrock invocation record(s) without the body Bedrock delivered separately", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"not found (no such key): {bucket.PathOf(BodyKey("cli-1", "input"))}, {bucket.PathOf(BodyKey("cli-1", "output"))}", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(("false", null), (unread["separate_body_read"], unread["prompt_hash"]));
        Assert.True(retry.ExitCode == 0, retry.ToString());
        Assert.Contains("retry-bodies: 1 stored Bedrock invocation record(s) read with their bodies delivered separately, 0 still unread", retry.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("warning:", retry.Stderr, StringComparison.Ordinal);
        var read = InvocationKit.Row(db, "cli-1");
        Assert.Equal(("true", "true", "INTERVENED"), (read["separate_body_read"], read["prompt_has_credential"], read["guardrail_action"]));
        foreach (var text in new[] { run.Stdout, run.Stderr, retry.Stdout, retry.Stderr })
        {
            Assert.DoesNotContain(S3Server.SecretKey, text, StringComparison.Ordinal);
        }
    }
}
