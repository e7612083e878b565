using System.Security.Cryptography;
using DuckDetect.Core;
using DuckDetect.Core.Generate;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Generate;

/// <summary>The same seed and options give the same bytes; another seed gives other files.</summary>
public sealed class GenerateDeterminismTests : IDisposable
{
    private readonly TempDatabase _temp = new();

    [Fact]
    public void Generate_SameSeedTwice_WritesIdenticalBytes()
    {
        var first = Hashes(Generate("a", seed: 11));
        var second = Hashes(Generate("b", seed: 11));

        Assert.True(first.Count > 1000);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Generate_DifferentSeed_WritesDifferentFiles()
    {
        var first = Hashes(Generate("a", seed: 11));
        var other = Hashes(Generate("b", seed: 12));

        Assert.Empty(first.Keys.Where(k => k.StartsWith("AWSLogs/", StringComparison.Ordinal)).Intersect(other.Keys));
        Assert.Empty(first.Values.Intersect(other.Values));
    }

    private string Generate(string name, long seed)
    {
        var folder = Path.Combine(_temp.Folder, name);
        new Generator(NullStatusSink.Instance).Run(new GenerateOptions
        {
            OutputFolder = folder,
            Days = 1,
            EventsPerDay = GeneratedData.EventsPerDay,
            Seed = seed,
        });
        return folder;
    }

    /// <summary>sha256 of every file, by path relative to the folder.</summary>
    private static SortedDictionary<string, string> Hashes(string folder) => new(
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(folder, f).Replace('\\', '/'),
            f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))),
        StringComparer.Ordinal);

    public void Dispose() => _temp.Dispose();
}
