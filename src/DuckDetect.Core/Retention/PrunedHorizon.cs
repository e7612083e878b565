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

    /// <summary>The earliest <c>--from</c> (an exclusive bound of window ends) whose windows are all complete.</summary>
    public static DateTimeOffset FirstFrom(DateTimeOffset horizon, RuleSettings settings) =>
        FirstCompleteEnd(horizon, settings) - settings.Interval;

    /// <summary>
    /// Refuses a requested <c>--from</c> that would evaluate a window starting before the horizon, naming the first
    /// one that is allowed (detect and tune alike).
    /// </summary>
    public static void CheckFrom(DateTimeOffset horizon, RuleSettings settings, DateTimeOffset requested)
    {
        var first = FirstFrom(horizon, settings);
        if (settings.Floor(requested) < first)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments,
                $"events before {horizon:yyyy-MM-ddTHH:mm:ssZ} were pruned: windows ending before {first + settings.Interval:yyyy-MM-ddTHH:mm:ssZ} " +
                $"would be incomplete; give --from {first:yyyy-MM-ddTHH:mm:ssZ} or later");
        }
    }

    /// <summary>The first window end on the rule's grid whose window starts at or after the horizon.</summary>
    public static DateTimeOffset FirstCompleteEnd(DateTimeOffset horizon, RuleSettings settings)
    {
        var earliest = horizon + settings.Window;
        var floored = settings.Floor(earliest);
        return floored == earliest ? floored : floored + settings.Interval;
    }
}
