namespace DuckDetect.Core.Rules;

/// <summary>
/// The fields a rule groups candidates or suppresses alerts by, as SQL fragments. Only the names of the alerts
/// table's key columns are accepted, so no definition text reaches SQL as written.
/// </summary>
public sealed class RuleKeys
{
    /// <summary>The columns of candidates and alerts a rule may group or suppress by.</summary>
    public static readonly IReadOnlyList<string> Known = ["user_arn", "account_id", "model_id", "source_ip", "access_key_id"];

    public RuleKeys(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0 || names.Any(n => !Known.Contains(n, StringComparer.Ordinal)) || names.Distinct(StringComparer.Ordinal).Count() != names.Count)
        {
            throw new InvalidOperationException(
                $"group_by fields must be distinct names among {string.Join(", ", Known)}; got [{string.Join(", ", names)}]");
        }
        Names = names;
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary>The values as one JSON text (<c>to_json([a.user_arn, a.account_id])</c>): a null value is a group of its own.</summary>
    public string Json(string alias) => $"to_json([{Columns(alias)}])::VARCHAR";

    /// <summary>Equal keys, a null matching a null: <c>l.user_arn IS NOT DISTINCT FROM r.user_arn AND …</c>.</summary>
    public string Match(string left, string right) =>
        string.Join(" AND ", Names.Select(n => $"{left}.{n} IS NOT DISTINCT FROM {right}.{n}"));

    /// <summary>The values of a group, in order: <c>any_value(user_arn), any_value(account_id)</c>.</summary>
    public string AnyValues() => string.Join(", ", Names.Select(n => $"any_value({n})"));

    private string Columns(string alias) => string.Join(", ", Names.Select(n => $"{alias}.{n}"));
}
