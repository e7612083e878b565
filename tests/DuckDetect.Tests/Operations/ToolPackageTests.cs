using System.Text.Json;
using DuckDetect.Core.Storage;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Operations;

/// <summary>
/// `dotnet pack` makes a tool package that installs offline from a folder and runs: --version, --help and the
/// quickstart, from the installed command (InstalledTool: this machine's platform only, compiled to native code as a
/// release is; plain .NET code in a quick run).
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("duckdetect-tool-test-").FullName;

    [Fact]
    public void Pack_InstallIntoToolPath_RunsVersionAndTheQuickstart()
    {
        var tool = InstalledTool.Get();
        Assert.True(File.Exists(Path.Combine(tool.Feed, "DuckDetect.1.0.0.nupkg")), tool.PackOutput);
        Assert.True(File.Exists(Path.Combine(tool.Feed, $"DuckDetect.{InstalledTool.ThisPlatform}.1.0.0.nupkg")), tool.PackOutput);

        // Native code has no .NET assembly beside the program; .NET code is one.
        var assemblies = Directory.EnumerateFiles(tool.ToolPath, "duckdetect.dll", SearchOption.AllDirectories).ToList();
        Assert.Equal(tool.Native ? 0 : 1, assemblies.Count);
        var version = ChildProcess.Run(tool.Program, ["--version"]);
        Assert.True(version.ExitCode == 0, version.ToString());
        var lines = version.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("duckdetect 1.0.0", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^DuckDB v\d+\.\d+\.\d+", lines[1]);
        Assert.Equal($"schema version {SchemaMigrator.CurrentVersion}", lines[2]);

        var help = ChildProcess.Run(tool.Program, ["--help"]);
        Assert.StartsWith("Usage: duckdetect [command]", help.Stdout, StringComparison.Ordinal);

        var db = Path.Combine(_folder, "quickstart.duckdb");
        var run = ChildProcess.Run(tool.Program, ["run", Path.Combine(RepoPaths.Data, "cloudtrail"), "--db", db, "--format", "ndjson"],
            workingDirectory: _folder);
        Assert.True(run.ExitCode == 0, run.ToString());
        var alerts = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var seed = alerts.Where(a => a.GetProperty("rule_id").GetString() == SeedRule.Id).ToList();
        Assert.Equal(10, seed.Count);
        Assert.All(seed, a => Assert.True(a.GetProperty("inference_call_count").GetInt64() >= 500));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
