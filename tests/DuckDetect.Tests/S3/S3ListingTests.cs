using DuckDetect.Tests.Ingest;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.S3;

/// <summary>
/// Listing a source against the real local S3 server: paging, files written out of key order, late objects and
/// reconciliation, the request counts of a scheduled run, two sources in one database, bounded state.
/// </summary>
public sealed class S3ListingTests
{
    private static (string Key, byte[] Content) File(DateTime time, string suffix, string eventPrefix, int events = 1, string region = "us-east-1") =>
        (S3TestBucket.DeliveryKey(time, suffix, region), S3TestBucket.DeliveryFile(eventPrefix, events, time));

    [Fact]
    public void A_day_prefix_of_more_than_a_thousand_objects_is_read_page_by_page_and_all_of_it_loads()
    {
        using var bucket = new S3TestBucket();
        using var db = new TempDatabase();
        var day = S3Kit.Today;
        bucket.PutMany(Enumerable.Range(0, 1_050).Select(i => File(day.AddSeconds(i * 60), $"p{i:D5}", $"page-{i}")));

        var first = S3Kit.Ingest(db, S3Kit.Settings(), bucket.Url());

        Assert.Empty(first.Status.Errors);
        Assert.Equal(1_050, first.Summary.FilesLoaded);
        Assert.Equal(1_050, IngestKit.EventCount(db));
        Assert.Equal(1_050, first.Summary.S3GetRequests);
        // The walk (bucket, AWSLogs/, account/, CloudTrail/, region/: 5) and the new root listed whole in two pages.
        Assert.Equal(7, first.Summary.S3ListRequests);
        Assert.Equal(["AWSLogs/111122223333/CloudTrail/us-east-1/ {yyyy}/{MM}/{dd}/"], S3Kit.Roots(db, bucket.Url()));

        var second = S3Kit.Ingest(db, S3Kit.Settings(), bucket.Url());

        Assert.Equal(0, second.Summary.FilesLoaded);
        Assert.Equal(1_050, second.Summary.FilesUnchanged);
        Assert.Equal(0, second.Summary.S3GetRequests);
        // The walk down to the known root (4) and yesterday's and today's prefixes, today's in two pages.
        Assert.Equal(4 + 1 + 2, second.Summary.S3ListRequests);
    }

    [Fact]
    public void Files_of_the_same_minute_written_out_of_key_order_are_all_found()
    {
        using var bucket = new S3TestBucket();
        using var db = new TempDatabase();
        var minute = S3Kit.Today.AddHours(18).AddMinutes(25);
        bucket.PutMany([File(minute, "mmmm", "m"), File(minute, "zzzz", "z")]);
        S3Kit.Ingest(db, S3Kit.Settings(), bucket.Url());

        // Written after the run, with keys that sort before and between the loaded ones (and an earlier minute):
        // a listing that resumed after the last key seen would miss them.
        bucket.PutMany([File(minute, "aaaa", "a"), File(minute, "pppp", "p"), File(minute.AddMinutes(-5), "qqqq", "q")]);
        var run = S3Kit.Ingest(db, S3Kit.Settings(), bucket.Url());

        Assert.Empty(run.Status.Errors);
        Assert.Equal(3, run.Summary.FilesLoaded);
        Assert.Equal(["a-0", "m-0", "p-0", "q-0", "z-0"], IngestKit.EventIds(db));
    }

    [Fact]
    public void A_late_object_under_an_old_day_is_found_by_reconciliation_and_not_before()
    {
        using var bucket = new S3TestBucket();
        using var db = new TempDatabase();
        var today = S3Kit.Today;
        var old = today.AddDays(-5);
        bucket.PutMany([File(old.AddHours(1), "old1", "old"), File(today.AddHours(1), "new1", "new")]);
        S3Kit.Ingest(db, S3Kit.Settings(), bucket.Url());
        var lateKey = S3TestBucket.DeliveryKey(old.AddHours(2), "late");
        bucket.Put(lateKey, S3TestBucket.DeliveryFile("late", 1, old.AddHours(2)));

        var scheduled = S3Kit.Ingest(db, S3Kit.Settings(), bucket.Url());

        Assert.Equal(0, scheduled.Summary.FilesLoaded);
        Assert.DoesNotContain("late-0", IngestKit.EventIds(db));

        var reconciled = S3Kit.Ingest(db, S3Kit.Settings() with { Reconcile = true }, bucket.Url());

        Assert.Equal(1, reconciled.Summary.FilesLoaded);
        Assert.Contains("late-0", IngestKit.EventIds(db));
        Assert.Equal(1, reconciled.Summary.S3Sources.Single().ObjectsFoundLate);
        Assert.Contains(reconciled.Status.Warnings, w => w.Contains("reconciliation found 1 new object(s)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_source_not_reconciled_for_the_interval_is_reconciled_by_the_run_on_its_own()
    {
        using var bucket = new S3TestBucket();
        using var db = new TempDatabase();
        var old = S3Kit.Today.AddDays(-9);
        bucket.PutMany([File(old, "first", "first")]);
        S3Kit.Ingest(db, S3Kit.Settings(), bucket.Url());
        bucket.PutMany([File(old, "late", "late")]);

        Assert.Equal(0, S3Kit.Ingest(db, S3Kit.Settings(), bucket.Url()).Summary.FilesLoaded);
        S3Kit.AgeReconciliation(db, bucket.Url(), TimeSpan.FromHours(25));
        var due = S3Kit.Ingest(db, S3Kit.Settings(), bucket.Url());

        Assert.Equal(1, due.Summary.FilesLoaded);
        Assert.True(due.Summary.S3Sources.Single().Reconciled);
    }

    [Fact]
    public void A_scheduled_run_lists_only_the_day_prefixes_from_the_lookback_in_every_region()
    {
        using var bucket = new S3TestBucket();
        using var db = new TempDatabase();
        var today = S3Kit.Today;
        string[] regions = ["eu-west-1", "us-east-1", "us-west-2"];
        bucket.PutMany(regions.SelectMany(r => Enumerable.Range(0, 10).Select(d => File(today.AddDays(-d), $"{r}d{d}", $"{r}-{d}", region: r))));
        S3Kit.Ingest(db, S3Kit.Settings(), bucket.Url());
        bucket.PutMany([File(today.AddMinutes(5), "fresh", "fresh", region: "us-west-2")]);

        var run = S3Kit.Ingest(db, S3Kit.Settings() with { LookbackDays = 2 }, bucket.Url());

        Assert.Equal(1, run.Summary.FilesLoaded);
        Assert.Equal(0, run.Summary.FilesUnchanged - (3 * 3)); // three days of each region listed again, unchanged
        // The walk (bucket, AWSLogs/, account/, CloudTrail/) and three day prefixes in each of the three regions.
        Assert.Equal(4 + (3 * 3), run.Summary.S3ListRequests);
        Assert.Equal(1, run.Summary.S3GetRequests);
    }

    [Fact]
    public void Two_sources_in_one_database_keep_their_own_state()
    {
        using var one = new S3TestBucket();
        using var two = new S3TestBucket();
        using var db = new TempDatabase();
        var today = S3Kit.Today;
        one.PutMany([File(today, "one", "one")]);
        two.PutMany([File(today, "two", "two"), File(today.AddDays(-3), "two-old", "two-old")]);
        S3Kit.Ingest(db, S3Kit.Settings(), one.Url(), two.Url("AWSLogs/"));
        var twoRoots = S3Kit.Roots(db, two.Url("AWSLogs/"));
        var twoDays = S3Kit.Count(db, "s3_days", two.Url("AWSLogs/"));

        one.PutMany([File(today.AddMinutes(1), "one-more", "one-more")]);
        S3Kit.Ingest(db, S3Kit.Settings() with { Reconcile = true }, one.Url());
        S3Kit.Ingest(db, S3Kit.Settings(), one.Url());

        Assert.Equal(twoRoots, S3Kit.Roots(db, two.Url("AWSLogs/")));
        Assert.Equal(2, twoDays);
        Assert.Equal(twoDays, S3Kit.Count(db, "s3_days", two.Url("AWSLogs/")));
        Assert.Equal(["one-0", "one-more-0", "two-0", "two-old-0"], IngestKit.EventIds(db));
        // Nothing of the second source is read again by runs of the first.
        var run = S3Kit.Ingest(db, S3Kit.Settings(), two.Url("AWSLogs/"));
        Assert.Equal(0, run.Summary.FilesLoaded);
        Assert.Equal(0, run.Summary.S3GetRequests);
    }

    [Fact]
    public void The_state_stays_one_row_per_source_root_and_day_however_many_runs()
    {
        using var bucket = new S3TestBucket();
        using var db = new TempDatabase();
        var today = S3Kit.Today;
        bucket.PutMany(Enumerable.Range(0, 4).SelectMany(d => Enumerable.Range(0, 5).Select(i => File(today.AddDays(-d).AddMinutes(i), $"d{d}i{i}", $"d{d}-{i}"))));
        for (var run = 0; run < 4; run++)
        {
            S3Kit.Ingest(db, S3Kit.Settings() with { Reconcile = run % 2 == 0 }, bucket.Url());
        }

        Assert.Equal(1, S3Kit.Count(db, "s3_sources", bucket.Url()));
        Assert.Equal(1, S3Kit.Count(db, "s3_prefixes", bucket.Url()));
        Assert.Equal(4, S3Kit.Count(db, "s3_days", bucket.Url()));
        Assert.Equal(20, db.Scalar<long>("SELECT count(*) FROM s3_objects WHERE bucket = $b", new { b = bucket.Name }));
    }

    [Fact]
    public void Security_Lake_partitions_are_found_and_pruned_by_day()
    {
        using var bucket = new S3TestBucket();
        using var db = new TempDatabase();
        var today = S3Kit.Today;
        const string Root = "aws/CLOUD_TRAIL_MGMT/2.0/region=us-east-1/accountId=111122223333/";
        string Key(DateTime day, string name) => $"{Root}eventDay={day:yyyyMMdd}/{name}.json.gz";
        bucket.PutMany(Enumerable.Range(0, 6).Select(d => (Key(today.AddDays(-d), $"f{d}"), S3TestBucket.DeliveryFile($"sl{d}", 2, today.AddDays(-d)))));
        var first = S3Kit.Ingest(db, S3Kit.Settings(), bucket.Url("aws/"));
        bucket.Put(Key(today, "g0"), S3TestBucket.DeliveryFile("sl-new", 2, today));

        var run = S3Kit.Ingest(db, S3Kit.Settings(), bucket.Url("aws/"));

        Assert.Equal(6, first.Summary.FilesLoaded);
        Assert.Equal([Root + " eventDay={yyyyMMdd}/"], S3Kit.Roots(db, bucket.Url("aws/")));
        Assert.Equal(1, run.Summary.FilesLoaded);
        // The walk (aws/, CLOUD_TRAIL_MGMT/, 2.0/, region=us-east-1/) and yesterday's and today's partitions.
        Assert.Equal(4 + 2, run.Summary.S3ListRequests);
        Assert.Equal(14, IngestKit.EventCount(db));
    }
}
