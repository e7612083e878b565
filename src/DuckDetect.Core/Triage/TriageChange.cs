namespace DuckDetect.Core.Triage;

/// <summary>
/// A triage decision for one or more alerts: the status they move to (<c>open</c>, <c>acknowledged</c>,
/// <c>closed</c>), why (<c>false_positive</c>, <c>true_positive</c>, <c>benign</c>, <c>duplicate</c>, <c>other</c>),
/// a note and who made it.
/// </summary>
public sealed record TriageChange
{
    public static readonly IReadOnlyList<string> Statuses = ["open", "acknowledged", "closed"];

    public static readonly IReadOnlyList<string> Reasons = ["false_positive", "true_positive", "benign", "duplicate", "other"];

    public required IReadOnlyList<string> AlertIds { get; init; }

    public required string Status { get; init; }

    public string? Reason { get; init; }

    public string? Note { get; init; }

    public required string By { get; init; }

    /// <summary>The change in canonical form; throws (invalid arguments) on anything it cannot store.</summary>
    public TriageChange Validate()
    {
        var ids = AlertIds.Select(i => i.Trim()).Where(i => i.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments, "give at least one alert id");
        }
        var status = Canonical(Status, Statuses, "--status");
        var reason = Reason is null ? null : Canonical(Reason, Reasons, "--reason");
        if (string.IsNullOrWhiteSpace(By))
        {
            throw new DuckDetectException(FailureKind.InvalidArguments, "--by cannot be empty");
        }
        if (Note is not null && string.IsNullOrWhiteSpace(Note))
        {
            throw new DuckDetectException(FailureKind.InvalidArguments, "--note cannot be empty");
        }
        return this with { AlertIds = ids, Status = status, Reason = reason, Note = Note?.Trim(), By = By.Trim() };
    }

    /// <summary>A status as given (<c>--status</c>), in canonical form.</summary>
    public static string ParseStatus(string status) => Canonical(status, Statuses, "--status");

    private static string Canonical(string value, IReadOnlyList<string> allowed, string option)
    {
        var normalized = value.Trim().ToLowerInvariant().Replace('-', '_');
        return allowed.FirstOrDefault(a => a == normalized)
            ?? throw new DuckDetectException(FailureKind.InvalidArguments,
                $"unknown {option} '{value}'; use one of {string.Join(", ", allowed)}");
    }
}
