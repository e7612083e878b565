using DuckDetect.Core.Storage;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Operations;

/// <summary>Help and --version name the program duckdetect, however it is started (here: `dotnet duckdetect.dll`).</summary>
public sealed class ProgramNameTests
{
    [Fact]
    public void Help_StartedThroughDotnet_SaysDuckdetect()
    {
        var root = Support.Cli.Run("--help");
        var detect = Support.Cli.Run("detect", "--help");

        Assert.StartsWith("Usage: duckdetect [command]", root.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("Usage: duckdetect detect ", detect.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("dotnet", root.Stdout + detect.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_PrintsDuckDetectDuckDbAndSchemaVersions()
    {
        var result = Support.Cli.Run("--version");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^duckdetect \d+\.\d+\.\d+", lines[0]);
        Assert.Matches(@"^DuckDB v\d+\.\d+\.\d+", lines[1]);
        Assert.Equal($"schema version {SchemaMigrator.CurrentVersion}", lines[2]);
        Assert.Equal("", result.Stderr);
    }
}
