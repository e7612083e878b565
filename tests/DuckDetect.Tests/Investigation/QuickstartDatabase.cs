using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Investigation;

/// <summary>The quickstart's sample (data/cloudtrail) ingested and detected once, for the tests that read it.</summary>
public sealed class QuickstartDatabase : IDisposable
{
    /// <summary>The end of the sample's day: every quickstart window ends at or before it.</summary>
    public static readonly DateTimeOffset To = DetectionFixture.At("2026-03-03T00:00:00Z");

    public QuickstartDatabase()
    {
        Fx.IngestPaths(Path.Combine(RepoPaths.Data, "cloudtrail"));
        Fx.Detect(null, To);
    }

    public DetectionFixture Fx { get; } = new();

    public void Dispose() => Fx.Dispose();
}
