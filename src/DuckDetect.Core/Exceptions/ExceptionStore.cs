using System.Data;
using Dapper;
using DuckDetect.Core.Rules;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Exceptions;

/// <summary>
/// The rules' exceptions in <c>rule_exceptions</c>: added, listed, removed (kept as history), and applied to the
/// candidates of the windows detect evaluates.
/// </summary>
[DapperAot]
public static class ExceptionStore
{
    /// <summary>
    /// Stores a new exception (checked first: nothing is stored when any part is invalid) with the next id, or
    /// <paramref name="id"/>; returns its id.
    /// </summary>
    public static long Add(IDbConnection connection, NewException exception, DateTimeOffset now, IDbTransaction tx, long? id = null)
    {
        var (valid, match) = exception.Validate();
        var rule = RuleCatalog.Get(valid.RuleId);
        return connection.ExecuteScalar<long>(SqlScripts.Get("exceptions/add.sql"), new
        {
            exception_id = id,
            rule_id = rule.Id,
            field = valid.Field,
            op = valid.Operator,
            values = ListParameter.Of(valid.Values),
            match_values = ListParameter.Of(match),
            reason = valid.Reason.Trim(),
            expires_at = valid.ExpiresAt?.UtcDateTime,
            by = valid.By.Trim(),
            now = now.UtcDateTime,
        }, tx);
    }

    /// <summary>Marks an active exception removed; returns it as it was. An unknown or removed id is invalid.</summary>
    public static RuleException Remove(IDbConnection connection, long id, string by, string? reason, DateTimeOffset now, IDbTransaction tx)
    {
        if (string.IsNullOrWhiteSpace(by))
        {
            throw new DuckDetectException(FailureKind.InvalidArguments, "--by cannot be empty");
        }
        var existing = List(connection, all: true, ruleId: null, tx).FirstOrDefault(e => e.ExceptionId == id)
            ?? throw new DuckDetectException(FailureKind.InvalidArguments, $"no exception with id {id}");
        if (existing.RemovedAt is { } removed)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments,
                $"exception {id} was already removed at {removed:yyyy-MM-ddTHH:mm:ssZ} by {existing.RemovedBy}");
        }
        connection.Execute(SqlScripts.Get("exceptions/remove.sql"), new
        {
            exception_id = id,
            by = by.Trim(),
            reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            now = now.UtcDateTime,
        }, tx);
        return existing;
    }

    public static IReadOnlyList<RuleException> List(IDbConnection connection, bool all, string? ruleId, IDbTransaction? tx = null) =>
        connection.Query<RuleException>(SqlScripts.Get("exceptions/list.sql"), new { all, rule_id = ruleId }, tx).AsList();

    /// <summary>
    /// Marks the candidates of the windows from <paramref name="firstEnd"/> to <paramref name="lastEnd"/> that an
    /// active exception of the rule excepts, in <paramref name="candidates"/> (a table with detection_candidates'
    /// columns). Returns false (and does nothing) when the rule has none.
    /// </summary>
    public static bool Apply(IDbConnection connection, string ruleId, DateTime firstEnd, DateTime lastEnd, IDbTransaction? tx,
        string candidates = "detection_candidates")
    {
        var active = connection.ExecuteScalar<long>(
            "SELECT count(*) FROM rule_exceptions WHERE rule_id = $rule_id AND removed_at IS NULL", new { rule_id = ruleId }, tx);
        if (active == 0)
        {
            return false;
        }
        connection.Execute(SqlScripts.Get("exceptions/macros.sql"), transaction: tx);
        connection.Execute(SqlText.Fill(SqlScripts.Get("exceptions/apply.sql"), new Dictionary<string, string> { ["candidates"] = SqlText.Identifier(candidates) }),
            new { rule_id = ruleId, first_end = firstEnd, last_end = lastEnd }, tx);
        return true;
    }
}
