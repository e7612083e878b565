namespace DuckDetect.Core.Exceptions;

/// <summary>A row of <c>rule_exceptions</c>, as <c>exceptions list</c> shows it.</summary>
public sealed record RuleException
{
    public long ExceptionId { get; init; }

    public string RuleId { get; init; } = "";

    public string Field { get; init; } = "";

    public string Operator { get; init; } = "";

    /// <summary>The values as given, a JSON array (as DuckDB lists reach .NET most simply).</summary>
    public string ValuesJson { get; init; } = "[]";

    public IReadOnlyList<string> Values => System.Text.Json.JsonSerializer.Deserialize(ValuesJson, ExceptionJsonContext.Default.StringArray) ?? [];

    public string Reason { get; init; } = "";

    public DateTime? ExpiresAt { get; init; }

    public string CreatedBy { get; init; } = "";

    public DateTime CreatedAt { get; init; }

    public string? RemovedBy { get; init; }

    public DateTime? RemovedAt { get; init; }

    public string? RemovedReason { get; init; }

    /// <summary>One line: <c>user_arn matches arn:aws:sts::*:assumed-role/rag-*</c>.</summary>
    public string Condition => $"{Field} {Operator} {string.Join(", ", Values)}";
}
