namespace DuckDetect.Core.Exceptions;

/// <summary>An exception to add, as given on the command line (checked by <see cref="Validate"/>).</summary>
public sealed record NewException
{
    public required string RuleId { get; init; }

    public required string Field { get; init; }

    public required string Operator { get; init; }

    public required IReadOnlyList<string> Values { get; init; }

    public required string Reason { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public required string By { get; init; }

    /// <summary>The exception with its field and operator in canonical form, and the values as matching compares them.</summary>
    public (NewException Exception, IReadOnlyList<string> MatchValues) Validate()
    {
        if (string.IsNullOrWhiteSpace(Reason))
        {
            throw new DuckDetectException(FailureKind.InvalidArguments, "an exception needs a --reason");
        }
        if (string.IsNullOrWhiteSpace(By))
        {
            throw new DuckDetectException(FailureKind.InvalidArguments, "--by cannot be empty");
        }
        var field = ExceptionField.Parse(Field);
        var op = ExceptionOperator.Parse(Operator);
        var values = Values.Select(v => v.Trim()).ToList();
        var match = ExceptionOperator.MatchValues(field, op, values);
        return (this with { Field = field, Operator = op, Values = values }, match);
    }
}
