using Dapper;
using DuckDetect.Core.Ingest;
using DuckDetect.Core.S3;
using DuckDetect.Tests.Ingest;
using DuckDetect.Tests.Ingest.Sources;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.S3;

/// <summary>
/// Objects fetched from the local S3 server and loaded by the same batches as local files: the same events as from
/// disk, exactly once per object (bucket, key, ETag), crash-safe, with the temporary copies removed.
/// </summary>
public sealed class S3LoadTests
{
    private static readonly string Sample = Path.Combine(RepoPaths.Data, "cloudtrail");

    /// <summary>Uploads every file under <paramref name="folder"/> with its relative path as the key (after <paramref name="prefix"/>).</summary>
    private static void Upload(S3TestBucket bucket, string folder, string prefix = "") =>
        bucket.PutMany(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => (prefix + Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllBytes(f))));

    /// <summary>Both databases hold the same events (whatever file they came from), and the same files by relative name.</summary>
    private static void AssertSameEvents(TempDatabase fromS3, TempDatabase fromDisk, string s3Prefix, string diskPrefix)
    {
        using var session = fromS3.Open();
        var connection = session.Connection;
        connection.Execute($"ATTACH {Core.Storage.SqlText.Literal(fromDisk.Path)} AS disk (READ_ONLY)");
        const string Events = "SELECT * EXCLUDE (ingest_batch, ingested_at, source_file), substr(source_file, length({1}) + 1) FROM {0}cloudtrail_events";
        const string Files = "SELECT substr(path, length({1}) + 1), size_bytes, format, events_read, events_new, events_skipped, status FROM {0}ingested_files";
        foreach (var query in new[] { Events, Files })
        {
            var mine = string.Format(System.Globalization.CultureInfo.InvariantCulture, query, "", Core.Storage.SqlText.Literal(s3Prefix));
            var theirs = string.Format(System.Globalization.CultureInfo.InvariantCulture, query, "disk.", Core.Storage.SqlText.Literal(diskPrefix));
            Assert.Equal(0, connection.ExecuteScalar<long>($"SELECT count(*) FROM ({mine} EXCEPT ALL {theirs})"));
            Assert.Equal(0, connection.ExecuteScalar<long>($"SELECT count(*) FROM ({theirs} EXCEPT ALL {mine})"));
        }
        Assert.True(connection.ExecuteScalar<long>("SELECT count(*) FROM cloudtrail_events") > 0);
    }

    private static int TemporaryFiles(TempDatabase db) =>
        S3TempFolder.Candidates(db.Path).Where(Directory.Exists).Sum(f => Directory.GetFiles(f).Length);

    [Fact]
    public void An_account_of_the_quickstart_sample_loads_from_S3_as_from_disk_in_many_windows()
    {
        using var bucket = new S3TestBucket();
        using var fromS3 = new TempDatabase();
        using var fromDisk = new TempDatabase();
        var account = Path.Combine(Sample, "AWSLogs", "111122223333");
        Upload(bucket, account, "AWSLogs/111122223333/");
        var small = new IngestOptions { BatchBytes = 4L << 20 };

        var s3 = S3Kit.Ingest(fromS3, S3Kit.Settings(), small, bucket.Url());
        var disk = IngestKit.RunIngest(fromDisk, small, account);

        Assert.Empty(s3.Status.Errors);
        Assert.Equal(disk.Summary.FilesLoaded, s3.Summary.FilesLoaded);
        Assert.Equal(disk.Summary.EventsNew, s3.Summary.EventsNew);
        Assert.Equal(s3.Summary.FilesLoaded, s3.Summary.S3GetRequests);
        Assert.Equal(Directory.EnumerateFiles(account, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length), s3.Summary.S3BytesRead);
        AssertSameEvents(fromS3, fromDisk, bucket.Url("AWSLogs/111122223333/"), account + "/");
        // A root per region of each log: CloudTrail's and the Bedrock invocation logs' (whose layout has an hour
        // level below the day); the invocations load from S3 as from disk.
        Assert.Equal(
            Directory.GetDirectories(Path.Combine(account, "CloudTrail")).Length + Directory.GetDirectories(Path.Combine(account, "BedrockModelInvocationLogs")).Length,
            S3Kit.Roots(fromS3, bucket.Url()).Count);
        Assert.True(fromDisk.Scalar<long>("SELECT count(*) FROM bedrock_invocations") > 0);
        Assert.Equal(fromDisk.Scalar<long>("SELECT count(*) FROM bedrock_invocations"), fromS3.Scalar<long>("SELECT count(*) FROM bedrock_invocations"));
        Assert.DoesNotContain(S3TempFolder.Candidates(fromS3.Path), Directory.Exists);
        // Each object is recorded by bucket, key and ETag, with its size and LastModified.
        var key = "AWSLogs/111122223333/CloudTrail/us-east-1/2026/03/02/111122223333_CloudTrail_us-east-1_20260302T0000Z_IDa8UsGqvxtdeIlZ.json.gz";
        var row = IngestKit.FileRow(fromS3, bucket.PathOf(key));
        Assert.Equal("etag:" + bucket.ETagOf(key), row.Fingerprint);
        Assert.Equal(new FileInfo(Path.Combine(Sample, key)).Length, row.SizeBytes);
        Assert.Equal([bucket.Name, key, bucket.ETagOf(key)],
            fromS3.Query<string>("SELECT unnest([bucket, key, etag]) FROM s3_objects WHERE key = $key", new { key }));
    }

    [Fact]
    public void Security_Lake_OCSF_Parquet_loads_from_S3_as_from_disk()
    {
        using var bucket = new S3TestBucket();
        using var fromS3 = new TempDatabase();
        using var fromDisk = new TempDatabase();
        var lake = Path.Combine(fromDisk.InputFolder, "lake");
        SourceConverters.ToOcsfParquet(Path.Combine(Sample, "**", "*.json.gz"), lake);
        Upload(bucket, lake, "aws/CLOUD_TRAIL_MGMT/2.0/");

        var s3 = S3Kit.Ingest(fromS3, S3Kit.Settings(), bucket.Url("aws/CLOUD_TRAIL_MGMT/"));
        IngestKit.RunIngest(fromDisk, lake);

        Assert.Empty(s3.Status.Errors);
        AssertSameEvents(fromS3, fromDisk, bucket.Url("aws/CLOUD_TRAIL_MGMT/2.0/"), lake + "/");
        Assert.All(S3Kit.Roots(fromS3, bucket.Url("aws/CLOUD_TRAIL_MGMT/")), r => Assert.EndsWith(" eventDay={yyyyMMdd}/", r, StringComparison.Ordinal));
        Assert.Equal(["parquet"], fromS3.Query<string>("SELECT DISTINCT format FROM ingested_files"));
    }

    [Fact]
    public void A_reuploaded_object_with_a_new_ETag_is_read_again_and_its_events_counted_once()
    {
        using var bucket = new S3TestBucket();
        using var db = new TempDatabase();
        var time = S3Kit.Today.AddHours(3);
        var key = S3TestBucket.DeliveryKey(time, "reup");
        bucket.Put(key, S3TestBucket.DeliveryFile("re", 3, time));
        S3Kit.Ingest(db, S3Kit.Settings(), bucket.Url());
        var firstETag = IngestKit.FileRow(db, bucket.PathOf(key)).Fingerprint;

        // The same content written again keeps its ETag: nothing to read.
        bucket.Put(key, S3TestBucket.DeliveryFile("re", 3, time));
        Assert.Equal(0, S3Kit.Ingest(db, S3Kit.Settings(), bucket.Url()).Summary.S3GetRequests);
        // New content (the three events and two more) is a new ETag.
        bucket.Put(key, S3TestBucket.DeliveryFile("re", 5, time));
        var again = S3Kit.Ingest(db, S3Kit.Settings(), bucket.Url());

        Assert.Equal(1, again.Summary.FilesLoaded);
        Assert.Equal(5, again.Summary.EventsRead);
        Assert.Equal(2, again.Summary.EventsNew);
        Assert.Equal(["re-0", "re-1", "re-2", "re-3", "re-4"], IngestKit.EventIds(db));
        var row = IngestKit.FileRow(db, bucket.PathOf(key));
        Assert.NotEqual(firstETag, row.Fingerprint);
        Assert.Equal("etag:" + bucket.ETagOf(key), row.Fingerprint);
    }

    [Fact]
    public void Local_paths_and_S3_sources_load_together_in_one_call()
    {
        using var bucket = new S3TestBucket();
        using var db = new TempDatabase();
        var time = S3Kit.Today.AddHours(1);
        bucket.Put(S3TestBucket.DeliveryKey(time, "remote"), S3TestBucket.DeliveryFile("remote", 2, time));
        var local = db.WriteInput("local.json", CloudTrailJson.Delivery(IngestKit.Events("local", 2)));

        var run = S3Kit.Ingest(db, S3Kit.Settings(), local, bucket.Url());

        Assert.Equal(2, run.Summary.FilesLoaded);
        Assert.Equal(["local-0", "local-1", "remote-0", "remote-1"], IngestKit.EventIds(db));
        Assert.Equal(2, run.Summary.FilesListed);
    }

    [Fact]
    public void Whatever_a_crashed_run_left_in_the_temporary_folder_is_removed_by_the_next_run()
    {
        using var bucket = new S3TestBucket();
        using var db = new TempDatabase();
        foreach (var leftover in S3TempFolder.Candidates(db.Path))
        {
            Directory.CreateDirectory(leftover);
            File.WriteAllText(Path.Combine(leftover, "7.json.gz"), "left by a killed run");
        }

        S3Kit.Ingest(db, S3Kit.Settings(), bucket.Url());

        Assert.DoesNotContain(S3TempFolder.Candidates(db.Path), Directory.Exists);
    }

    [Fact]
    public void A_run_killed_between_fetch_and_commit_loads_nothing_and_the_next_run_loads_each_object_once()
    {
        using var bucket = new S3TestBucket();
        using var db = new TempDatabase();
        var time = S3Kit.Today.AddHours(2);
        bucket.PutMany(Enumerable.Range(0, 6).Select(i => (S3TestBucket.DeliveryKey(time.AddMinutes(5 * i), $"k{i}"), S3TestBucket.DeliveryFile($"kill{i}", 3, time.AddMinutes(5 * i)))));
        string[] args = ["ingest", bucket.Url(), "--endpoint-url", S3Server.Shared.Endpoint, "--db", db.Path, "--no-publish"];
        var environment = S3Server.Environment;
        environment["DUCKDETECT_TEST_HOLD"] = "after-fetch";
        using (var process = Support.Cli.Start(args, environment))
        {
            _ = process.StandardOutput.ReadToEndAsync();
            ProbingInput.WaitForStderr(process, "holding at after-fetch", TimeSpan.FromMinutes(2));
            Assert.Equal(6, TemporaryFiles(db));
            process.Kill();
            process.WaitForExit();
        }
        Assert.Equal(0, IngestKit.EventCount(db));
        Assert.Equal(6, TemporaryFiles(db));

        var rerun = Support.Cli.Run(args, S3Server.Environment);

        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Equal(18, IngestKit.EventCount(db));
        Assert.Equal(6, db.Scalar<long>("SELECT count(*) FROM ingested_files WHERE status = 'loaded'"));
        Assert.Equal(0, TemporaryFiles(db));
        Assert.Equal(0, Support.Cli.Run(args, S3Server.Environment).ExitCode);
        Assert.Equal(18, IngestKit.EventCount(db));
    }
}
