using DuckDetect.Tests.Ingest;
using DuckDetect.Tests.Support;
using Fault = DuckDetect.Tests.Support.S3FaultProxy.Fault;

namespace DuckDetect.Tests.S3;

/// <summary>
/// Faults from a proxy in front of the real local server: throttling, 5xx, resets, cut-off bodies and stalls are
/// retried with backoff within a bound; denials, missing buckets and refused credentials get one clear line each
/// and their exit code; a bad object never stops the others, and the next run loads what failed.
/// </summary>
public sealed class S3FaultTests
{
    private static readonly DateTime Time = S3Kit.Today.AddHours(4);

    /// <summary>Puts objects k0..k(n-1), one delivery file of two events each, and returns their keys.</summary>
    private static List<string> PutObjects(S3TestBucket bucket, int count)
    {
        var keys = Enumerable.Range(0, count).Select(i => S3TestBucket.DeliveryKey(Time.AddMinutes(5 * i), $"k{i}")).ToList();
        bucket.PutMany(keys.Select((k, i) => (k, S3TestBucket.DeliveryFile($"e{i}", 2, Time.AddMinutes(5 * i)))));
        return keys;
    }

    [Fact]
    public void Throttling_5xx_resets_and_cut_off_bodies_are_retried_and_every_object_loads()
    {
        using var bucket = new S3TestBucket();
        using var db = new TempDatabase();
        using var proxy = new S3FaultProxy(bucket.Server.Endpoint);
        PutObjects(bucket, 4);
        proxy.OnListing(Fault.InternalError, bucket.Name, times: 2);
        proxy.OnObject(Fault.SlowDown, "_k0", times: 3);
        proxy.OnObject(Fault.InternalError, "_k1", times: 1);
        proxy.OnObject(Fault.Reset, "_k2", times: 2);
        proxy.OnObject(Fault.Truncate, "_k3", times: 1);

        var run = S3Kit.Ingest(db, S3Kit.Settings(proxy.Endpoint), bucket.Url());

        Assert.Empty(run.Status.Errors);
        Assert.Equal(4, run.Summary.FilesLoaded);
        Assert.Equal(8, IngestKit.EventCount(db));
        // Every fault was met (the reset ones may be retried by .NET's HTTP handler below the SDK, uncounted).
        Assert.Equal(4 + 3 + 1 + 2 + 1, proxy.Requests.Count(r => r == "GET object"));
        Assert.InRange(run.Summary.S3GetRequests, 4 + 3 + 1 + 1, 4 + 3 + 1 + 2 + 1);
        Assert.Equal(proxy.Requests.Count(r => r == "GET listing"), run.Summary.S3ListRequests);
    }

    [Fact]
    public void A_stalled_response_times_out_and_is_retried()
    {
        using var bucket = new S3TestBucket();
        using var db = new TempDatabase();
        using var proxy = new S3FaultProxy(bucket.Server.Endpoint);
        PutObjects(bucket, 2);
        proxy.OnObject(Fault.Stall, "_k1", times: 1);

        var run = S3Kit.Ingest(db, S3Kit.Settings(proxy.Endpoint) with { RequestTimeout = TimeSpan.FromSeconds(1) }, bucket.Url());

        Assert.Empty(run.Status.Errors);
        Assert.Equal(2, run.Summary.FilesLoaded);
        Assert.Equal(3, run.Summary.S3GetRequests);
    }

    [Fact]
    public void Throttling_past_the_bound_fails_the_object_after_every_attempt_and_the_next_run_loads_it()
    {
        using var bucket = new S3TestBucket();
        using var db = new TempDatabase();
        using var proxy = new S3FaultProxy(bucket.Server.Endpoint);
        var keys = PutObjects(bucket, 3);
        proxy.OnObject(Fault.SlowDown, "_k1");
        var settings = S3Kit.Settings(proxy.Endpoint) with { MaxAttempts = 4 };

        var throttled = S3Kit.Ingest(db, settings, bucket.Url());

        Assert.Equal(2, throttled.Summary.FilesLoaded);
        var (path, reason) = Assert.Single(throttled.Summary.Failures);
        Assert.Equal(bucket.PathOf(keys[1]), path);
        Assert.StartsWith("gave up after 4 attempts: 503 SlowDown", reason, StringComparison.Ordinal);
        Assert.Equal(4, proxy.Requests.Count(r => r == "GET object") - 2);
        Assert.Equal("failed", IngestKit.FileRow(db, bucket.PathOf(keys[1])).Status);

        proxy.Clear();
        var next = S3Kit.Ingest(db, settings, bucket.Url());

        Assert.Equal(1, next.Summary.FilesLoaded);
        Assert.Equal(6, IngestKit.EventCount(db));
        Assert.Equal("loaded", IngestKit.FileRow(db, bucket.PathOf(keys[1])).Status);
    }

    [Fact]
    public void An_object_deleted_after_it_was_listed_is_skipped_with_a_warning()
    {
        using var bucket = new S3TestBucket();
        using var db = new TempDatabase();
        using var proxy = new S3FaultProxy(bucket.Server.Endpoint);
        PutObjects(bucket, 2);
        proxy.OnObject(Fault.NoSuchKey, "_k0");

        var run = S3Kit.Ingest(db, S3Kit.Settings(proxy.Endpoint), bucket.Url());

        Assert.False(run.Summary.HasFailures);
        Assert.Equal(1, run.Summary.FilesLoaded);
        Assert.Contains(run.Status.Warnings, w => w.EndsWith("_k0.json.gz: no longer exists (deleted after it was listed), skipped", StringComparison.Ordinal));
    }

    [Fact]
    public void Denied_and_corrupt_objects_get_one_line_each_and_exit_65_while_the_readable_ones_load()
    {
        using var bucket = new S3TestBucket();
        using var db = new TempDatabase();
        using var proxy = new S3FaultProxy(bucket.Server.Endpoint);
        var keys = PutObjects(bucket, 4);
        var truncated = S3TestBucket.DeliveryKey(Time.AddMinutes(30), "cut");
        var whole = S3TestBucket.DeliveryFile("cut", 50, Time.AddMinutes(30));
        bucket.Put(truncated, whole[..(whole.Length - 9)]);
        proxy.OnObject(Fault.AccessDenied, "_k1");
        proxy.OnObject(Fault.KmsAccessDenied, "_k2");
        string[] args = ["ingest", bucket.Url(), "--endpoint-url", proxy.Endpoint, "--db", db.Path, "--no-publish"];

        var run = Support.Cli.Run(args, S3Server.Environment);

        Assert.True(run.ExitCode == 65, run.ToString());
        var errors = run.Stderr.Split('\n').Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.StartsWith($"error: {bucket.PathOf(keys[1])}: access denied: reading needs s3:GetObject on arn:aws:s3:::{bucket.Name}/{keys[1]} (AccessDenied: Access Denied)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith($"error: {bucket.PathOf(keys[2])}: access denied by AWS KMS:", StringComparison.Ordinal) && e.Contains("needs kms:Decrypt", StringComparison.Ordinal));
        Assert.Contains(errors, e => e == $"error: {bucket.PathOf(truncated)}: truncated gzip: the compressed data ends before the end of the gzip stream");
        Assert.Equal(["e0-0", "e0-1", "e3-0", "e3-1"], IngestKit.EventIds(db));
        Assert.Equal(3, db.Scalar<long>("SELECT count(*) FROM s3_objects WHERE status = 'failed'"));

        proxy.Clear();
        bucket.Put(truncated, whole);
        var fixedRun = Support.Cli.Run(args, S3Server.Environment);

        Assert.True(fixedRun.ExitCode == 0, fixedRun.ToString());
        Assert.Equal(4 * 2 + 50, IngestKit.EventCount(db));
    }

    [Fact]
    public void A_source_that_cannot_be_listed_exits_76_while_the_other_inputs_load()
    {
        using var denied = new S3TestBucket();
        using var readable = new S3TestBucket();
        using var db = new TempDatabase();
        using var proxy = new S3FaultProxy(readable.Server.Endpoint);
        PutObjects(denied, 1);
        PutObjects(readable, 2);
        proxy.OnListing(Fault.AccessDenied, denied.Name);
        var local = db.WriteInput("local.json", CloudTrailJson.Delivery(IngestKit.Events("local", 1)));
        var missing = "s3://dd-no-such-bucket-" + Guid.NewGuid().ToString("N")[..8] + "/";

        var run = Support.Cli.Run(["ingest", denied.Url(), readable.Url(), missing, local, "--endpoint-url", proxy.Endpoint, "--db", db.Path, "--no-publish"], S3Server.Environment);

        Assert.True(run.ExitCode == 76, run.ToString());
        Assert.Contains($"error: {denied.Url()}: access denied: listing needs s3:ListBucket on arn:aws:s3:::{denied.Name} (AccessDenied: Access Denied)", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"error: {missing}: no such bucket (NoSuchBucket: ", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(["e0-0", "e0-1", "e1-0", "e1-1", "local-0"], IngestKit.EventIds(db));
    }

    [Fact]
    public void Refused_or_missing_credentials_exit_77_and_never_show_the_secret()
    {
        using var bucket = new S3TestBucket();
        using var db = new TempDatabase();
        PutObjects(bucket, 1);
        var unknownKey = S3Server.Environment;
        unknownKey["AWS_ACCESS_KEY_ID"] = "AKIDNOTKNOWNHERE";
        unknownKey["AWS_SECRET_ACCESS_KEY"] = "unknown-secret-9d8c7b6a5f4e3d2c1b0a";
        string[] args = ["ingest", bucket.Url(), "--endpoint-url", bucket.Server.Endpoint, "--db", db.Path, "--no-publish"];

        var refused = Support.Cli.Run(args, unknownKey);
        var unknownProfile = Support.Cli.Run([.. args, "--profile", "no-such-profile"], S3Server.Environment);

        Assert.True(refused.ExitCode == 77, refused.ToString());
        Assert.Contains($"error: {bucket.Url()}: credentials refused (InvalidAccessKeyId: ", refused.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("unknown-secret-9d8c7b6a5f4e3d2c1b0a", refused.Stderr + refused.Stdout, StringComparison.Ordinal);
        Assert.True(unknownProfile.ExitCode == 77, unknownProfile.ToString());
        Assert.Contains($"error: {bucket.Url()}: profile no-such-profile was not found in the shared AWS config and credentials files", unknownProfile.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, IngestKit.EventCount(db));
    }
}
