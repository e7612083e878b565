namespace DuckDetect.Core.Destinations;

/// <summary>The changes detect makes to an alert (alert_changes.change), which a destination can choose among.</summary>
public static class AlertChange
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Retracted = "retracted";

    public static readonly IReadOnlyList<string> All = [Created, Updated, Retracted];

    /// <summary>A comma-separated list of changes (--changes created,retracted), each once, in canonical order.</summary>
    public static IReadOnlyList<string> ParseList(string text)
    {
        var given = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => c.ToLowerInvariant()).ToList();
        if (given.Count == 0 || given.Any(c => !All.Contains(c)))
        {
            throw new DuckDetectException(FailureKind.InvalidArguments,
                $"--changes '{text}' is not a list of {string.Join(", ", All)} (comma-separated)");
        }
        return All.Where(given.Contains).ToList();
    }
}
