using System.Diagnostics;
using System.Globalization;
using DuckDetect.Tests.Support;
using Xunit.Abstractions;

namespace DuckDetect.Tests.Reliability;

/// <summary>
/// SIGKILL at random moments of ingest and detect, many times, then a run to completion: the events and alerts equal
/// those of an uninterrupted run, every time. DUCKDETECT_KILLS sets how many trials (16 over two hours of events; 4 over
/// one in a quick run, TestStrength).
/// </summary>
public sealed class CrashSafetyTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string To = TestStrength.Pick("2026-03-02T03:00:00Z", "2026-03-02T04:00:00Z");
    private readonly DetectionFixture _data = new();

    [Fact]
    public void KilledAtRandomMoments_ThenRunToCompletion_EqualsUninterruptedRun()
    {
        var input = WriteDataset();
        using var reference = new TempDatabase();
        var cleanClock = Stopwatch.StartNew();
        var clean = Support.Cli.Run("run", input, "--db", reference.Path, "--to", To, "--batch-mb", "1", "-q");
        var cleanTime = cleanClock.Elapsed;
        Assert.True(clean.ExitCode == 0, clean.ToString());
        var expected = Snapshot(reference.Path);
        Assert.True(expected.Alerts.Count >= 2, "the dataset should raise alerts");

        var trials = int.TryParse(Environment.GetEnvironmentVariable("DUCKDETECT_KILLS"), CultureInfo.InvariantCulture, out var k) ? k : TestStrength.Pick(4, 16);
        var random = new Random(7);
        var killed = 0;
        for (var trial = 0; trial < trials; trial++)
        {
            // Each trial starts from an empty database: the kill lands in ingest (even trials: `run`, killed
            // anywhere in its ingest or detect) or in detect alone (odd trials, after a whole ingest).
            using var victim = new TempDatabase();
            string[] args = ["run", input, "--to", To];
            var span = cleanTime;
            if (trial % 2 == 1)
            {
                Assert.Equal(0, Support.Cli.Run("ingest", input, "--db", victim.Path, "-q").ExitCode);
                args = ["detect", "--to", To];
                span = TimeSpan.FromSeconds(1);
            }
            if (KillAfter(args, victim.Path, span * (0.15 + (0.8 * random.NextDouble()))))
            {
                killed++;
                // The killed file must open and hold whole batches only, before anything repairs it.
                var partial = Snapshot(victim.Path);
                Assert.Equal(partial.Events.Count, partial.Events.Distinct().Count());
            }
            var finish = Support.Cli.Run("run", input, "--db", victim.Path, "--to", To, "-q");
            Assert.True(finish.ExitCode == 0, finish.ToString());

            var actual = Snapshot(victim.Path);
            Assert.Equal(expected.EventCount, actual.EventCount);
            Assert.Equal(expected.Events, actual.Events);
            Assert.Equal(expected.Alerts, actual.Alerts);
            Assert.Equal(0L, actual.FailedFiles);
        }
        output.WriteLine($"{killed} of {trials} trials killed mid-run; every one completed to the clean run's events and alerts");
        Assert.True(killed >= trials / 2, $"only {killed} of {trials} runs were killed before they finished");
    }

    /// <summary>Starts duckdetect and SIGKILLs it after <paramref name="delay"/>; false when it finished first.</summary>
    private static bool KillAfter(string[] args, string db, TimeSpan delay)
    {
        using var process = Support.Cli.Start([.. args, "--db", db, "-q", .. (args[0] == "detect" ? Array.Empty<string>() : ["--batch-mb", "1"])]);
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        if (process.WaitForExit(delay))
        {
            return false;
        }
        process.Kill();
        process.WaitForExit();
        return true;
    }

    private string WriteDataset()
    {
        var folder = Path.Combine(_data.Db.InputFolder, "AWSLogs", "111122223333", "CloudTrail", "us-east-1", "2026", "03", "02");
        var start = DetectionFixture.At("2026-03-02T00:00:00Z");
        for (var file = 0; file < TestStrength.Pick(12, 24); file++)
        {
            var from = start + TimeSpan.FromMinutes(5 * file);
            var events = _data.Burst(2000, from, TimeSpan.FromMinutes(5), e =>
            {
                var id = (string)e["eventID"]!;
                ((Dictionary<string, object?>)e["userIdentity"]!)["arn"] =
                    $"arn:aws:iam::111122223333:user/u{(id.GetHashCode(StringComparison.Ordinal) & 0x7fffffff) % 3}";
                e["responseElements"] = new Dictionary<string, object?> { ["padding"] = new string('x', 400) };
            });
            var name = $"111122223333_CloudTrail_us-east-1_{from:yyyyMMdd'T'HHmm}Z_{file:D16}.json.gz";
            _data.Db.WriteGzipInput(Path.Combine(folder, name), CloudTrailJson.Delivery(events));
        }
        return _data.Db.InputFolder;
    }

    private static Snapshot Snapshot(string db)
    {
        using var session = Core.Storage.DuckDbSession.Open(db);
        var c = session.Connection;
        return new Snapshot(
            Dapper.SqlMapper.ExecuteScalar<long>(c, "SELECT count(*) FROM cloudtrail_events"),
            Dapper.SqlMapper.Query<string>(c, "SELECT event_id FROM cloudtrail_events ORDER BY event_id").ToList(),
            Dapper.SqlMapper.Query<string>(c,
                "SELECT to_json(a)::VARCHAR FROM (SELECT * EXCLUDE (created_at, updated_at) FROM alerts ORDER BY alert_id) a").ToList(),
            Dapper.SqlMapper.ExecuteScalar<long>(c, "SELECT count(*) FROM ingested_files WHERE status <> 'loaded'"));
    }

    public void Dispose() => _data.Dispose();
}

internal sealed record Snapshot(long EventCount, List<string> Events, List<string> Alerts, long FailedFiles);
