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
        var statements = ExampleQueries().Select(q => q.Replace("'…'", $"'{alertId}'", StringComparison.Ordinal)).ToList();
        Assert.True(statements.Count >= 10, $"expected the README's example queries, found {statements.Count}");

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

    /// <summary>The statements of the first SQL block after the README's "The analyst database" heading.</summary>
    private static IEnumerable<string> ExampleQueries()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var section = readme[readme.IndexOf("## The analyst database", StringComparison.Ordinal)..];
        var block = SqlBlock().Match(section).Groups["sql"].Value;
        return block.Split(";\n").Select(s => string.Join('\n', s.Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal))).Trim())
            .Where(s => s.Length > 0);
    }

    [GeneratedRegex(@"```sql\n(?<sql>.*?)```", RegexOptions.Singleline)]
    private static partial Regex SqlBlock();

    public void Dispose() => _db.Dispose();
}
