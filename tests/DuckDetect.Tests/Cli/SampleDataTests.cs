using System.Text.Json;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Cli;

/// <summary>The quickstart: `run data/cloudtrail` raises exactly the alerts that the sample's manifest predicts.</summary>
public sealed class SampleDataTests : IDisposable
{
    private readonly TempDatabase _db = new();

    [Fact]
    public void Run_OnTheSampleData_RaisesExactlyTheManifestsAlerts()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Data, "sample-manifest.json")));
        var expected = manifest.RootElement.GetProperty("cases").EnumerateArray()
            .SelectMany(c => c.GetProperty("expected_alerts").EnumerateArray()
                .Select(a => $"{a.GetProperty("window_end").GetString()} {a.GetProperty("arn").GetString()} {a.GetProperty("model_id").GetString()} {a.GetProperty("calls").GetInt64()}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        var result = Support.Cli.Run(["run", Path.Combine(RepoPaths.Data, "cloudtrail"), "--db", _db.Path, "--format", "ndjson", .. SeedRule.Only]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var actual = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(a => $"{a.GetProperty("window_end").GetString()} {a.GetProperty("user_arn").GetString()} {a.GetProperty("model_id").GetString()} {a.GetProperty("inference_call_count").GetInt64()}")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(9, expected.Count);
        Assert.Equal(expected, actual);
        Assert.Equal(15000L, _db.Scalar<long>("SELECT count(*) FROM cloudtrail_events"));
    }

    public void Dispose() => _db.Dispose();
}
