namespace DuckDetect.Core.Rules;

/// <summary>
/// The event fields an event rule's definition may name (terms, the sequence's join, distinct counts): the columns
/// of the shared stage it reads (detect/stages/family_create.sql). Only these names reach SQL from a definition.
/// </summary>
public static class EventFields
{
    public static readonly IReadOnlyList<string> Known =
    [
        "event_source", "event_name", "error_code", "user_type", "user_arn", "user_name", "account_id", "access_key_id",
        "region", "source_ip", "user_agent", "session_issuer_arn", "model_id", "request_user_name",
    ];

    /// <summary>Throws unless every name is a known field (and there is at least one).</summary>
    public static IReadOnlyList<string> Check(IReadOnlyList<string> names, string what)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0 || names.Any(n => !Known.Contains(n, StringComparer.Ordinal)))
        {
            throw new InvalidOperationException($"{what} must be names among {string.Join(", ", Known)}; got [{string.Join(", ", names)}]");
        }
        return names;
    }
}
