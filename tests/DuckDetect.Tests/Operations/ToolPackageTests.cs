using System.Runtime.InteropServices;
using System.Text.Json;
using DuckDetect.Core.Storage;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Operations;

/// <summary>
/// `dotnet pack` makes a tool package that installs offline from a folder and runs: --version and the quickstart,
/// from the installed command. Packs this machine's platform only (the package for every platform takes minutes), as
/// plain .NET code; with DUCKDETECT_TEST_NATIVE=1 as native code, as a release packs it (a native compile takes a
/// minute and a half of both cores, a ReadyToRun compile half a minute: docs/development.md).
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("duckdetect-tool-").FullName;

    [Fact]
    public void Pack_InstallIntoToolPath_RunsVersionAndTheQuickstart()
    {
        var feed = Path.Combine(_folder, "feed");
        var rid = ThisPlatform();
        // As a release is packed (docs/operations.md): the package that points to the platforms' packages, then this
        // platform's package (compiled to native code when DUCKDETECT_TEST_NATIVE=1, as a release's is).
        var pointer = Pack(feed, "-p:RuntimeIdentifiers=" + rid, "-p:CreateRidSpecificToolPackages=false");
        var native = Environment.GetEnvironmentVariable("DUCKDETECT_TEST_NATIVE") == "1";
        var pack = Pack(feed, "-r", rid, "-p:RuntimeIdentifiers=" + rid,
            native ? "-p:DuckDetectNative=true" : "-p:PublishReadyToRun=false");
        Assert.True(File.Exists(Path.Combine(feed, "DuckDetect.1.0.0.nupkg")), pointer.ToString());
        Assert.True(File.Exists(Path.Combine(feed, $"DuckDetect.{rid}.1.0.0.nupkg")), pack.ToString());

        // Offline: the folder is the only package source.
        var config = Path.Combine(_folder, "nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        var tools = Path.Combine(_folder, "tools");
        var install = ChildProcess.Run("dotnet", ["tool", "install", "DuckDetect", "--tool-path", tools, "--configfile", config]);
        Assert.True(install.ExitCode == 0, install.ToString());
        var duckdetect = Path.Combine(tools, OperatingSystem.IsWindows() ? "duckdetect.exe" : "duckdetect");

        // Native code has no .NET assembly beside the program; .NET code is one.
        var assemblies = Directory.EnumerateFiles(tools, "duckdetect.dll", SearchOption.AllDirectories).ToList();
        Assert.Equal(native ? 0 : 1, assemblies.Count);
        var version = ChildProcess.Run(duckdetect, ["--version"]);
        Assert.True(version.ExitCode == 0, version.ToString());
        var lines = version.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("duckdetect 1.0.0", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^DuckDB v\d+\.\d+\.\d+", lines[1]);
        Assert.Equal($"schema version {SchemaMigrator.CurrentVersion}", lines[2]);

        var help = ChildProcess.Run(duckdetect, ["--help"]);
        Assert.StartsWith("Usage: duckdetect [command]", help.Stdout, StringComparison.Ordinal);

        var db = Path.Combine(_folder, "quickstart.duckdb");
        var run = ChildProcess.Run(duckdetect, ["run", Path.Combine(RepoPaths.Data, "cloudtrail"), "--db", db, "--format", "ndjson"],
            workingDirectory: _folder);
        Assert.True(run.ExitCode == 0, run.ToString());
        var alerts = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var seed = alerts.Where(a => a.GetProperty("rule_id").GetString() == SeedRule.Id).ToList();
        Assert.Equal(9, seed.Count);
        Assert.All(seed, a => Assert.True(a.GetProperty("inference_call_count").GetInt64() >= 500));
    }

    private CliResult Pack(string feed, params string[] options)
    {
        var pack = ChildProcess.Run("dotnet",
        [
            "pack", Path.Combine(RepoPaths.Root, "src", "DuckDetect"), "-c", "Release", "-o", feed,
            // Its own build folders, so that the pack does not touch the tree the tests were built in.
            "--artifacts-path", Path.Combine(_folder, "artifacts"),
            // Analyzers only report; skipping them changes nothing in the package and saves a tenth of the time.
            "-p:RunAnalyzers=false",
            .. options,
        ], timeout: TimeSpan.FromMinutes(10));
        Assert.True(pack.ExitCode == 0, pack.ToString());
        return pack;
    }

    /// <summary>The runtime identifier of this machine's platform, in the form the package names use.</summary>
    private static string ThisPlatform()
    {
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        return $"{os}-{RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}";
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
