namespace DuckDetect.Core.Exceptions;

/// <summary>
/// The candidate fields an exception can name (their values come from <c>dd_field_values</c> in
/// <c>sql/exceptions/macros.sql</c>). A candidate is excepted only when every value of the field matches: the list
/// fields (user agents, source IPs, access keys, identity types) and, for a credential-distributed candidate, its
/// principals.
/// </summary>
public static class ExceptionField
{
    public static readonly IReadOnlyList<string> All =
        ["user_arn", "account_id", "model_id", "user_agent", "source_ip", "access_key_id", "identity_type"];

    public static string Parse(string? field)
    {
        var name = field?.Trim().ToLowerInvariant().Replace('-', '_');
        return All.FirstOrDefault(f => f == name)
            ?? throw new DuckDetectException(FailureKind.InvalidArguments,
                $"unknown exception field '{field}'; use one of {string.Join(", ", All)}");
    }
}
