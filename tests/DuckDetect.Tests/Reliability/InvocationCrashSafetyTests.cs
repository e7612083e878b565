using System.Diagnostics;
using DuckDetect.Tests.Support;
using static DuckDetect.Tests.Ingest.Invocations.InvocationKit;

namespace DuckDetect.Tests.Reliability;

/// <summary>
/// SIGKILL at random moments of an ingest of Bedrock invocation logs, then an ingest to completion: the stored
/// invocations equal those of an uninterrupted ingest, and the killed database holds whole batches only.
/// </summary>
public sealed class InvocationCrashSafetyTests : IDisposable
{
    private readonly TempDatabase _data = new();

    [Fact]
    public void KilledAtRandomMoments_ThenIngestToCompletion_EqualsUninterruptedIngest()
    {
        for (var file = 0; file < 12; file++)
        {
            var records = Enumerable.Range(0, 1500).Select(i =>
                Converse($"r-{file}-{i}", $"question {i % 97} about item {(file * 31) + (i % 13)} in batch {file}", $"answer {i % 7}", second: i % 60));
            _data.WriteGzipInput($"AWSLogs/{Account}/BedrockModelInvocationLogs/eu-west-1/2024/05/02/{file:00}/f{file}.json.gz", Lines([.. records]));
        }
        using var reference = new TempDatabase();
        var clock = Stopwatch.StartNew();
        Assert.Equal(0, Support.Cli.Run("ingest", _data.InputFolder, "--db", reference.Path, "--batch-mb", "1", "-q").ExitCode);
        var span = clock.Elapsed;
        var expected = Invocations(reference.Path);
        Assert.Equal(18000, expected.Count);

        var random = new Random(29);
        var trials = TestStrength.Pick(3, 6);
        var killed = 0;
        for (var trial = 0; trial < trials; trial++)
        {
            using var victim = new TempDatabase();
            using (var process = Support.Cli.Start(["ingest", _data.InputFolder, "--db", victim.Path, "--batch-mb", "1", "-q"]))
            {
                _ = process.StandardOutput.ReadToEndAsync();
                _ = process.StandardError.ReadToEndAsync();
                if (!process.WaitForExit(span * (0.2 + (0.7 * random.NextDouble()))))
                {
                    process.Kill();
                    process.WaitForExit();
                    killed++;
                    var partial = Invocations(victim.Path);
                    Assert.Equal(partial.Count, partial.Distinct().Count());
                    // Whole files only: every stored invocation's file is recorded as loaded, with all its 1,500.
                    Assert.Equal(0, victim.Scalar<long>(
                        "SELECT count(*) FROM (SELECT source_file, count(*) AS n FROM bedrock_invocations GROUP BY ALL) WHERE n <> 1500"));
                }
            }
            Assert.Equal(0, Support.Cli.Run("ingest", _data.InputFolder, "--db", victim.Path, "-q").ExitCode);
            Assert.Equal(expected, Invocations(victim.Path));
            Assert.Equal(0, victim.Scalar<long>("SELECT count(*) FROM ingested_files WHERE status <> 'loaded'"));
        }
        Assert.True(killed >= 1, $"none of {trials} ingests was killed before it finished");
    }

    private static List<string> Invocations(string db)
    {
        using var session = Core.Storage.DuckDbSession.Open(db);
        return Dapper.SqlMapper.Query<string>(session.Connection,
            "SELECT to_json(b)::VARCHAR FROM (SELECT * EXCLUDE (ingest_batch, ingested_at) FROM bedrock_invocations ORDER BY account_id, request_id) b").ToList();
    }

    public void Dispose() => _data.Dispose();
}
