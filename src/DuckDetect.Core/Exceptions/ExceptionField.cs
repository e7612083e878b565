namespace DuckDetect.Core.Exceptions;

/// <summary>
/// The candidate fields an exception can name (their values come from <c>dd_field_values</c> in
/// <c>sql/exceptions/macros.sql</c>). For the list fields a candidate is excepted only when every value matches.
/// </summary>
public static class ExceptionField
{
    public static readonly IReadOnlyList<string> Single = ["user_arn", "account_id", "model_id"];

    public static readonly IReadOnlyList<string> Lists = ["user_agent", "source_ip", "access_key_id", "identity_type"];

    public static IEnumerable<string> All => Single.Concat(Lists);

    public static string Parse(string? field)
    {
        var name = field?.Trim().ToLowerInvariant().Replace('-', '_');
        return All.FirstOrDefault(f => f == name)
            ?? throw new DuckDetectException(FailureKind.InvalidArguments,
                $"unknown exception field '{field}'; use one of {string.Join(", ", All)}");
    }
}
