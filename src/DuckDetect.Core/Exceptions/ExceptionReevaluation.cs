using System.Data;
using Dapper;
using DuckDetect.Core.Detection;
using DuckDetect.Core.Rules;

namespace DuckDetect.Core.Exceptions;

/// <summary>
/// <c>--reevaluate-from T</c> on <c>exceptions add</c> and <c>remove</c>: the rule's windows ending after T, up to
/// where detection has got (its checkpoint), evaluated again with the exceptions as they now are, in the same
/// transaction as the change. Alerts that no longer hold are retracted, as for late data.
/// </summary>
[DapperAot]
public static class ExceptionReevaluation
{
    /// <summary>The detect run's summary, or null when the rule was never evaluated past T.</summary>
    public static DetectSummary? Run(Storage.DuckDbSession session, RuleDefinition rule, DateTimeOffset from, IStatusSink status, IDbTransaction tx)
    {
        var checkpoint = session.Connection.ExecuteScalar<DateTime?>(
            "SELECT checkpoint FROM rule_state WHERE rule_id = $rule_id", new { rule_id = rule.Id }, tx);
        if (checkpoint is not { } to || new DateTimeOffset(DateTime.SpecifyKind(to, DateTimeKind.Utc)) <= from)
        {
            return null;
        }
        return new Detector(session, rule, status).Run(new DetectRequest
        {
            From = from,
            To = new DateTimeOffset(DateTime.SpecifyKind(to, DateTimeKind.Utc)),
        }, tx);
    }
}
