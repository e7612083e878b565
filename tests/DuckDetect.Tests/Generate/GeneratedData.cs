using DuckDetect.Core;
using DuckDetect.Core.Generate;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Generate;

/// <summary>One small generated data set (1 day, 20,000 events), shared by the tests of a class.</summary>
public class GeneratedData : IDisposable
{
    public const int EventsPerDay = 20_000;

    private readonly TempDatabase _temp = new();
    private EventReader? _events;

    public GeneratedData()
        : this(GenerateFormat.Json)
    {
    }

    protected GeneratedData(GenerateFormat format)
    {
        Folder = Path.Combine(_temp.Folder, "generated");
        Options = new GenerateOptions
        {
            OutputFolder = Folder,
            Days = 1,
            EventsPerDay = EventsPerDay,
            Seed = 3,
            Format = format,
        };
        Summary = new Generator(NullStatusSink.Instance).Run(Options);
        Manifest = GenerateManifest.Read(Summary.ManifestPath);
    }

    public string Folder { get; }

    public GenerateOptions Options { get; }

    public GenerateSummary Summary { get; }

    public GenerateManifest Manifest { get; }

    /// <summary>The files read back by plain DuckDB; shared by the class's tests (which xUnit runs one at a time).</summary>
    public EventReader Events => _events ??= Options.Format == GenerateFormat.Parquet ? EventReader.Parquet(Folder) : EventReader.Json(Folder);

    public PlantedCase Case(string name) => Manifest.Cases.Single(c => c.Name == name);

    /// <summary>Paths of the CloudTrail files, relative to <see cref="Folder"/>, with '/' separators.</summary>
    public List<string> RelativeFiles() => AllFiles().Where(f => f.Contains("/CloudTrail/", StringComparison.Ordinal)).ToList();

    /// <summary>Paths of the Bedrock model invocation log files, relative to <see cref="Folder"/>.</summary>
    public List<string> InvocationFiles() =>
        AllFiles().Where(f => f.Contains("/BedrockModelInvocationLogs/", StringComparison.Ordinal)).ToList();

    /// <summary>Paths of every data file, relative to <see cref="Folder"/>, with '/' separators.</summary>
    public List<string> AllFiles() =>
        Directory.EnumerateFiles(Path.Combine(Folder, "AWSLogs"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Folder, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _events?.Dispose();
            _temp.Dispose();
        }
    }
}
