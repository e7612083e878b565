using System.Data;
using Dapper;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Triage;

/// <summary>Triage history in <c>alert_triage</c>: one row per change, keyed by the alert's deterministic id.</summary>
[DapperAot]
public static class TriageStore
{
    /// <summary>
    /// Records the change for every given alert, or for none: an id that is neither an alert nor a retracted alert
    /// is invalid and nothing is written. Returns the number of rows written.
    /// </summary>
    public static int Record(IDbConnection connection, TriageChange change, DateTimeOffset now, IDbTransaction tx)
    {
        var valid = change.Validate();
        var ids = ListParameter.Of(valid.AlertIds);
        var unknown = connection.Query<string>(SqlScripts.Get("triage/unknown.sql"), new { ids }, tx).AsList();
        if (unknown.Count > 0)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments,
                $"no alert with id {string.Join(", ", unknown)} (nothing was triaged)");
        }
        return connection.Execute(WithCurrentTriage("triage/record.sql"), new
        {
            ids,
            status = valid.Status,
            reason = valid.Reason,
            note = valid.Note,
            by = valid.By,
            now = now.UtcDateTime,
        }, tx);
    }

    /// <summary>A query with each alert's current triage (<c>triage/current.sql</c>) in place of <c>{{triage}}</c>.</summary>
    public static string WithCurrentTriage(string script) =>
        SqlText.Fill(SqlScripts.Get(script), new Dictionary<string, string> { ["triage"] = SqlScripts.Get("triage/current.sql") });
}
