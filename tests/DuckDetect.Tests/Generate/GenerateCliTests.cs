using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Generate;

/// <summary>generate through the real CLI: exit codes and what it prints.</summary>
public sealed class GenerateCliTests : IDisposable
{
    private readonly TempDatabase _temp = new();

    [Fact]
    public void Generate_WritesDataAndManifest_ReportsOnStderrOnly()
    {
        var output = Path.Combine(_temp.Folder, "out");

        var result = Support.Cli.Run("generate", "--out", output, "--days", "1", "--events-per-day", "16000", "--seed", "2");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Stdout);
        Assert.Contains("16,000 events", result.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "manifest.json")));
    }

    [Theory]
    [InlineData("--days", "0")]
    [InlineData("--format", "xml")]
    [InlineData("--start", "2025-02-30")]
    public void Generate_InvalidOption_Exits64(string option, string value)
    {
        var args = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["--out"] = Path.Combine(_temp.Folder, "out"), ["--days"] = "1", ["--events-per-day"] = "16000", [option] = value,
        };

        var result = Support.Cli.Run(["generate", .. args.SelectMany(a => new[] { a.Key, a.Value })]);

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains(option, result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_temp.Folder, "out", "AWSLogs")));
    }

    [Fact]
    public void Generate_IntoFolderWithGeneratedData_Exits64()
    {
        var output = Path.Combine(_temp.Folder, "out");
        Directory.CreateDirectory(Path.Combine(output, "AWSLogs"));

        var result = Support.Cli.Run("generate", "--out", output, "--days", "1", "--events-per-day", "16000");

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains("already holds generated data", result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
