using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Operations;

/// <summary>
/// The progress bar is drawn when stderr is a terminal (a pseudo-terminal from util-linux's `script`), and never
/// when stderr is redirected: then stderr carries only the log lines, without an escape code, and stdout only data.
/// </summary>
public sealed class ProgressTests : IDisposable
{
    // 98 gzip files: two batches at --batch-mb 1, so the bar is drawn part-way and then complete.
    private static readonly string Input = Path.Combine(RepoPaths.Data, "cloudtrail", "AWSLogs", "444455556666", "CloudTrail", "eu-west-1");
    private readonly TempDatabase _db = new();

    [Fact]
    public void Ingest_OnATerminal_DrawsABarWithCountPercentRateAndTimeLeft()
    {
        var command = string.Join(' ', Support.Cli.Command.Concat(["ingest", Input, "--db", _db.Path, "--batch-mb", "1"]).Select(Quote));

        var result = ChildProcess.Run("script", ["-q", "-e", "-c", command, "/dev/null"],
            new Dictionary<string, string> { ["TERM"] = "xterm-256color", ["COLUMNS"] = "120" });

        Assert.True(result.ExitCode == 0, result.ToString());
        var screen = result.Stdout;
        Assert.Contains("\u001b[", screen, StringComparison.Ordinal);
        Assert.Contains("━", screen, StringComparison.Ordinal);
        Assert.Contains("100%", screen, StringComparison.Ordinal);
        Assert.Contains("98/98", screen, StringComparison.Ordinal);
        Assert.Matches(@"[\d.,]+ files/s", screen);
        Assert.Matches(@"\d\d:\d\d:\d\d", screen);
        Assert.Contains("ingest: 98 file(s) listed", screen, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Redirected_WritesNoBarAndNoEscapeCodes()
    {
        var result = Support.Cli.Run("run", Input, "--db", _db.Path, "--batch-mb", "1", "--format", "ndjson");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("\u001b", result.Stderr + result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("━", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("%", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("files/s", result.Stderr, StringComparison.Ordinal);
        Assert.All(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            line => Assert.Matches("^(ingest|detect|publish): ", line));
        Assert.All(result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            line => Assert.StartsWith("{\"alert_id\":", line, StringComparison.Ordinal));
    }

    private static string Quote(string arg) => "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    public void Dispose() => _db.Dispose();
}
