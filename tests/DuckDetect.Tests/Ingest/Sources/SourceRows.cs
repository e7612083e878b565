using DuckDetect.Tests.Support;
using static DuckDetect.Tests.Ingest.IngestKit;

namespace DuckDetect.Tests.Ingest.Sources;

/// <summary>Loads one file into a throwaway database and reads back its single event, every column as text.</summary>
public static class SourceRows
{
    /// <summary>Columns that say when and from where an event was loaded, not what it is.</summary>
    public static readonly string[] LoadColumns = ["ingest_batch", "ingested_at", "source_file"];

    /// <summary>The one event that <paramref name="path"/> holds, loaded on its own; the file must load cleanly.</summary>
    public static Dictionary<string, string?> LoadSingle(string path)
    {
        using var db = new TempDatabase();
        var run = RunIngest(db, path);
        Assert.True(run.Summary.Failures.Count == 0, string.Join("; ", run.Summary.Failures));
        Assert.Equal(0, run.Summary.EventsSkipped);
        var id = Assert.Single(EventIds(db));
        return EventRow(db, id);
    }

    /// <summary>Every column of <paramref name="expected"/> but <paramref name="except"/> has the same value in <paramref name="actual"/>.</summary>
    public static void AssertSameRow(IReadOnlyDictionary<string, string?> expected, IReadOnlyDictionary<string, string?> actual, params string[] except)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        var differences = expected.Keys
            .Where(k => !except.Contains(k) && !LoadColumns.Contains(k))
            .Where(k => expected[k] != actual[k])
            .Select(k => $"{k}: expected {expected[k] ?? "NULL"}, got {actual[k] ?? "NULL"}")
            .ToList();
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    /// <summary>The model id as the rule extracts it from request_parameters (sql/rules/…probing.sql).</summary>
    public static string? ModelId(string? requestParameters) =>
        requestParameters is null ? null
            : System.Text.RegularExpressions.Regex.Match(requestParameters, "\"modelId\"\\s*:\\s*\"([^\"]+)\"") is { Success: true } m
                ? m.Groups[1].Value : null;
}
