using DuckDetect.Core.Generate;
using DuckDetect.Core.Rules;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Detection;

/// <summary>
/// Many rules, one pass: every rule's alerts are the same whether it runs alone or with every other rule in the
/// one pass over the events, and whether that pass reads its range as one slice or as many small ones (as a long
/// backfill under a memory bound does): the alerts, their evidence and timelines alike.
/// </summary>
public sealed class OnePassTests(OnePassData data) : IClassFixture<OnePassData>
{
    [Fact]
    public void Detect_EachRuleAlone_EqualsAllRulesTogether()
    {
        var together = data.Run(RuleCatalog.All, sliceEvents: null);

        foreach (var rule in RuleCatalog.All)
        {
            var alone = data.Run([rule], sliceEvents: null);
            Assert.Equal(together.Alerts.Where(a => a.Contains(rule.Id, StringComparison.Ordinal)), alone.Alerts);
            Assert.Equal(together.Evidence.Where(e => alone.AlertIds.Contains(e.Split(' ')[0])), alone.Evidence);
        }
        // Every rule alerts on this data (the manifest's cases and the event rules' own), so each comparison compared something.
        Assert.All(RuleCatalog.All, r => Assert.Contains(together.Alerts, a => a.Contains(r.Id, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(2_000)]
    [InlineData(25_000)]
    public void Detect_ManySmallSlices_EqualsOneSlice(long sliceEvents)
    {
        var whole = data.Run(RuleCatalog.All, sliceEvents: null);

        var sliced = data.Run(RuleCatalog.All, sliceEvents);

        Assert.Equal(whole.Alerts, sliced.Alerts);
        Assert.Equal(whole.Evidence, sliced.Evidence);
    }
}

/// <summary>
/// Two days of generated CloudTrail (planted cases of the threshold rules, hourly files) and every event rule's firing
/// cases, ingested once.
/// </summary>
public sealed class OnePassData : IDisposable
{
    private readonly TempDatabase _source = new();

    public OnePassData()
    {
        var folder = Path.Combine(_source.Folder, "generated");
        new Generator(Core.NullStatusSink.Instance).Run(new GenerateOptions
        {
            OutputFolder = folder,
            Days = 2,
            EventsPerDay = GenerateOptions.MinEventsPerDay,
            Start = new DateOnly(2025, 12, 31),
            Seed = 9,
            FileMinutes = 60,
        });
        using var fx = new DetectionFixture();
        fx.IngestPaths(Path.Combine(folder, "AWSLogs"));
        // Generated traffic plants the threshold rules' cases; every event rule's firing cases are moved onto its
        // second day, so that each rule alerts here and its comparisons compare something.
        var shift = DetectionFixture.At("2026-01-01T00:00:00Z") - DetectionFixture.At("2026-03-02T00:00:00Z");
        fx.Ingest(RuleCatalog.All.SelectMany(rule => (rule.Cases ?? []).Where(c => c.Fires)
            .SelectMany((c, n) => RuleCaseRecords.Of(c, $"{rule.Id}-{n}", shift))).ToList());
        // And the invocation log records of the cases that have some (the rules over invocation logs, the blind spot).
        fx.IngestInvocations(string.Concat(RuleCatalog.All.SelectMany(rule => (rule.Cases ?? []).Where(c => c.Fires)
            .Select((c, n) => RuleCaseRecords.Invocations(c, $"{rule.Id}-{n}", shift) ?? ""))));
        File.Copy(fx.Db.Path, _source.Path);
    }

    public static DateTimeOffset To => DetectionFixture.At("2026-01-02T00:00:00Z");

    /// <summary>A copy of the ingested database, detected by <paramref name="rules"/> in one run.</summary>
    public (List<string> Alerts, List<string> Evidence, HashSet<string> AlertIds) Run(IReadOnlyList<RuleDefinition> rules, long? sliceEvents)
    {
        using var fx = new DetectionFixture();
        File.Copy(_source.Path, fx.Db.Path);
        fx.DetectAll(null, To, rules, sliceEvents);
        return (fx.AlertFingerprints(), fx.EvidenceFingerprints(), fx.Db.Query<string>("SELECT alert_id FROM alerts").ToHashSet());
    }

    public void Dispose() => _source.Dispose();
}
