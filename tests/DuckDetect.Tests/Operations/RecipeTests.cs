using System.Text.Json;
using System.Text.RegularExpressions;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Operations;

/// <summary>
/// The recipes of docs/operations.md: the systemd units pass `systemd-analyze verify`, and the command lines of the
/// service and of the container run as written with the real CLI (paths moved to a scratch folder).
/// </summary>
public sealed partial class RecipeTests : IDisposable
{
    private static readonly string Deploy = Path.Combine(RepoPaths.Root, "deploy");
    private static readonly string Sample = Path.Combine(RepoPaths.Data, "cloudtrail", "AWSLogs", "444455556666", "CloudTrail", "eu-west-1");
    private readonly TempDatabase _db = new();

    [Fact]
    public void Systemd_ServiceAndTimer_Verify()
    {
        // The executables the units name are not on a test machine: verify the units with /usr/bin/true in their place.
        var folder = Directory.CreateDirectory(Path.Combine(_db.Folder, "units")).FullName;
        var service = File.ReadAllText(Path.Combine(Deploy, "systemd", "duckdetect.service"));
        File.WriteAllText(Path.Combine(folder, "duckdetect.service"), ExecLine().Replace(service, m => m.Groups["key"].Value + "=/usr/bin/true"));
        File.Copy(Path.Combine(Deploy, "systemd", "duckdetect.timer"), Path.Combine(folder, "duckdetect.timer"));

        var verify = ChildProcess.Run("systemd-analyze", ["verify", "--man=no", "duckdetect.service", "duckdetect.timer"], workingDirectory: folder);

        Assert.True(verify.ExitCode == 0 && verify.Stderr.Length == 0, verify.ToString());
    }

    [Fact]
    public void Systemd_ServiceCommand_RunsAsWritten()
    {
        var service = File.ReadAllLines(Path.Combine(Deploy, "systemd", "duckdetect.service"));
        var execStart = service.Single(l => l.StartsWith("ExecStart=", StringComparison.Ordinal));
        var environment = service.Where(l => l.StartsWith("Environment=", StringComparison.Ordinal))
            .Select(l => l["Environment=".Length..].Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
        Assert.Equal("/var/lib/duckdetect/duckdetect.duckdb", environment["DUCKDETECT_DB"]);
        var args = execStart.Split(' ').Skip(1).Select(a => a == "/var/lib/duckdetect/cloudtrail" ? Sample : a).ToArray();

        var result = Support.Cli.Run(args, new Dictionary<string, string> { ["DUCKDETECT_DB"] = _db.Path });

        AssertRanAndPrintedNdjson(result);
    }

    [Fact]
    public void Container_Command_RunsAsWritten()
    {
        var dockerfile = File.ReadAllLines(Path.Combine(Deploy, "container", "Dockerfile"));
        var command = JsonSerializer.Deserialize<string[]>(dockerfile.Single(l => l.StartsWith("CMD ", StringComparison.Ordinal))[4..])!;
        Assert.Contains(dockerfile, l => l.Contains("DUCKDETECT_DB=/data/duckdetect.duckdb", StringComparison.Ordinal));
        // /data is the mounted folder: here a scratch folder with the sample under cloudtrail/.
        var data = Directory.CreateDirectory(Path.Combine(_db.Folder, "data")).FullName;
        CopyFolder(Sample, Path.Combine(data, "cloudtrail"));
        var args = command.Select(a => a.Replace("/data", data, StringComparison.Ordinal)).ToArray();

        var result = Support.Cli.Run(args, new Dictionary<string, string> { ["DUCKDETECT_DB"] = Path.Combine(data, "duckdetect.duckdb") });

        AssertRanAndPrintedNdjson(result);
        Assert.True(File.Exists(Path.Combine(data, "duckdetect.duckdb")));
    }

    private static void AssertRanAndPrintedNdjson(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("ingest: 98 file(s) listed", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("detect: AWS Bedrock High-Frequency Single-Model Inference API Probing: ", result.Stderr, StringComparison.Ordinal);
        Assert.All(result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => JsonDocument.Parse(line).Dispose());
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [GeneratedRegex(@"^(?<key>ExecStart(Pre)?)=\S+", RegexOptions.Multiline)]
    private static partial Regex ExecLine();

    public void Dispose() => _db.Dispose();
}
