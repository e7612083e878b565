using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Cli;

/// <summary>
/// A mistyped --db: every command that reads, or records a decision, refuses it with "no database at PATH" and exit
/// 66, and creates nothing (an empty new database would read as "nothing happened").
/// </summary>
public sealed class MissingDatabaseTests : IDisposable
{
    private readonly TempDatabase _db = new();

    [Theory]
    [InlineData("alerts")]
    [InlineData("alerts", "--format", "json")]
    [InlineData("status")]
    [InlineData("status", "--format", "json")]
    [InlineData("explain", "5432833b-76b0-e5d6-6499-c078028e1b26")]
    [InlineData("tune")]
    [InlineData("report", "--out", "{folder}/report.html")]
    [InlineData("sql")]
    [InlineData("rules")]
    [InlineData("rules", "disable", "56312ef5-656c-4bf7-ad9a-affed052b102")]
    [InlineData("triage", "5432833b-76b0-e5d6-6499-c078028e1b26", "--status", "closed")]
    [InlineData("exceptions", "list")]
    [InlineData("detect", "--what-if", "{folder}/what-if.duckdb", "--threshold", "400")]
    public void Command_DatabaseThatDoesNotExist_Exits66AndCreatesNothing(params string[] args)
    {
        var mistyped = Path.Combine(_db.Folder, "quickstrat.duckdb");

        var result = Support.Cli.Run([.. args.Select(a => a.Replace("{folder}", _db.Folder, StringComparison.Ordinal)), "--db", mistyped]);

        Assert.True(result.ExitCode == 66, result.ToString());
        Assert.Equal($"duckdetect: no database at {mistyped}", result.Stderr.Trim());
        Assert.Empty(result.Stdout);
        Assert.Equal(["input"], Directory.GetFileSystemEntries(_db.Folder).Select(Path.GetFileName));
    }

    public void Dispose() => _db.Dispose();
}
