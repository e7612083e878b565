using System.Data;
using Dapper;
using DuckDetect.Core.Rules;

namespace DuckDetect.Core.Retention;

/// <summary>
/// The pruned horizon (<c>rule_state.pruned_before</c>): events before it are gone, so a window that starts before it
/// would count too few events. Detection evaluates only windows that lie wholly at or after it.
/// </summary>
[DapperAot]
public static class PrunedHorizon
{
    public static DateTimeOffset? Read(IDbConnection connection, IDbTransaction? tx = null) =>
        connection.ExecuteScalar<DateTime?>("SELECT max(pruned_before) FROM rule_state", transaction: tx) is { } t
            ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc))
            : null;

    /// <summary>The first window end on the rule's grid whose window starts at or after the horizon.</summary>
    public static DateTimeOffset FirstCompleteEnd(DateTimeOffset horizon, RuleSettings settings)
    {
        var earliest = horizon + settings.Window;
        var floored = settings.Floor(earliest);
        return floored == earliest ? floored : floored + settings.Interval;
    }
}
