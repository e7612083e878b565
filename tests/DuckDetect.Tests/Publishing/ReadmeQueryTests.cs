using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Publishing;

/// <summary>The README's example queries run, as written, on the analyst database.</summary>
public sealed partial class ReadmeQueryTests : IDisposable
{
    private readonly TempDatabase _db = new();

    [Fact]
    public void ReadmeExampleQueries_RunOnTheAnalystDatabase()
    {
        ProbingInput.Write(_db, "probe", DateTimeOffset.Parse("2026-03-02T01:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, Support.Cli.Run("run", _db.InputFolder, "--db", _db.Path, "--to", "2026-03-02T06:00:00Z").ExitCode);
        var alertId = _db.Scalar<string>("SELECT alert_id FROM alerts");
        var readme = ExampleQueries("docs/alerts.md", "## The analyst database").ToList();
        Assert.True(readme.Count >= 10, $"expected docs/alerts.md's example queries, found {readme.Count}");
        var triage = ExampleQueries("docs/triage.md", "## In the analyst database").ToList();
        Assert.True(triage.Count >= 4, $"expected docs/triage.md's example queries, found {triage.Count}");
        var statements = readme.Concat(triage).Select(q => q.Replace("'…'", $"'{alertId}'", StringComparison.Ordinal)).ToList();

        using var analyst = new DuckDBConnection($"Data Source={Path.Combine(_db.Folder, "test.alerts.duckdb")};ACCESS_MODE=READ_ONLY");
        analyst.Open();
        var rows = 0;
        foreach (var statement in statements)
        {
            using var command = analyst.CreateCommand();
            command.CommandText = statement;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows++;
            }
        }
        Assert.True(rows > 10, $"the queries should find the alert, its events and its timeline; {rows} rows");
    }

    /// <summary>The statements of the first SQL block after a heading of a document.</summary>
    private static IEnumerable<string> ExampleQueries(string document, string heading)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, document));
        var section = text[text.IndexOf(heading, StringComparison.Ordinal)..];
        var block = SqlBlock().Match(section).Groups["sql"].Value;
        return block.Split(";\n").Select(s => string.Join('\n', s.Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal))).Trim())
            .Where(s => s.Length > 0);
    }

    [GeneratedRegex(@"```sql\n(?<sql>.*?)```", RegexOptions.Singleline)]
    private static partial Regex SqlBlock();

    public void Dispose() => _db.Dispose();
}
