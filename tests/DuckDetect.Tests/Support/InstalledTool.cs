using System.Runtime.InteropServices;

namespace DuckDetect.Tests.Support;

/// <summary>
/// The tool as users install it, made once per test run: `dotnet pack` of the package that points to the platforms'
/// packages and of this platform's package, compiled to native code as a release is (plain .NET code in a quick run,
/// TestStrength), then `dotnet tool install` from that folder alone (offline). At full strength every test that starts
/// duckdetect starts this program (Cli.Command), so that what only the native build does differently (Dapper.AOT,
/// trimming) shows in those tests; ToolPackageTests checks the package itself. A native compile takes about a minute
/// and a half of both cores.
/// </summary>
public static class InstalledTool
{
    private static readonly Lazy<Installation> Made = new(Make, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The installed program, packed and installed on first use.</summary>
    public static Installation Get() => Made.Value;

    /// <summary>The runtime identifier of this machine's platform, in the form the package names use.</summary>
    public static string ThisPlatform
    {
        get
        {
            var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
            return $"{os}-{RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}";
        }
    }

    private static Installation Make()
    {
        var folder = Directory.CreateTempSubdirectory("duckdetect-tool-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        if (!OperatingSystem.IsWindows())
        {
            // Installed as a program is: readable and runnable by every user (the permission tests run it as nobody).
            File.SetUnixFileMode(folder, (UnixFileMode)0x1ED);
        }
        var feed = Path.Combine(folder, "feed");
        var rid = ThisPlatform;
        var native = !TestStrength.Quick;
        // As a release is packed (docs/operations.md): the package that points to the platforms' packages, then this
        // platform's package.
        var pointer = Pack(folder, feed, "-p:RuntimeIdentifiers=" + rid, "-p:CreateRidSpecificToolPackages=false");
        var platform = Pack(folder, feed, "-r", rid, "-p:RuntimeIdentifiers=" + rid,
            native ? "-p:DuckDetectNative=true" : "-p:PublishReadyToRun=false");
        // Offline: the folder is the only package source.
        var config = Path.Combine(folder, "nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        var tools = Path.Combine(folder, "tools");
        var install = ChildProcess.Run("dotnet", ["tool", "install", "DuckDetect", "--tool-path", tools, "--configfile", config]);
        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet tool install failed: " + install);
        }
        return new Installation(Path.Combine(tools, OperatingSystem.IsWindows() ? "duckdetect.exe" : "duckdetect"), tools, feed, native,
            pointer.ToString() + platform);
    }

    private static CliResult Pack(string folder, string feed, params string[] options)
    {
        var pack = ChildProcess.Run("dotnet",
        [
            "pack", Path.Combine(RepoPaths.Root, "src", "DuckDetect"), "-c", "Release", "-o", feed,
            // Its own build folders, so that the pack does not touch the tree the tests were built in.
            "--artifacts-path", Path.Combine(folder, "artifacts"),
            // Analyzers only report; skipping them changes nothing in the package and saves a tenth of the time.
            "-p:RunAnalyzers=false",
            .. options,
        ], timeout: TimeSpan.FromMinutes(10));
        return pack.ExitCode == 0 ? pack : throw new InvalidOperationException("dotnet pack failed: " + pack);
    }
}

/// <summary>An installed tool: its program, the tool path, the package folder, whether it is native, and the packs' output.</summary>
public sealed record Installation(string Program, string ToolPath, string Feed, bool Native, string PackOutput);
