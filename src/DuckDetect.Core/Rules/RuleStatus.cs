using System.Data;
using Dapper;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Rules;

/// <summary>
/// Which rules detect evaluates, kept in the database (<c>rule_status</c>): a rule is enabled unless disabled there.
/// Disabling a rule stops its evaluation; its alerts, candidates and checkpoint stay as they are, and enabling it
/// again resumes from that checkpoint (the windows in between are evaluated then).
/// </summary>
[DapperAot]
public static class RuleStatus
{
    /// <summary>The ids of the disabled rules.</summary>
    public static IReadOnlySet<string> Disabled(IDbConnection connection, IDbTransaction? tx = null) =>
        connection.Query<string>("SELECT rule_id FROM rule_status WHERE NOT enabled", transaction: tx).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Enables or disables the rule with this id (unknown ids are refused); returns whether its state changed.</summary>
    public static bool Set(DuckDbSession session, string id, bool enabled, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        var rule = RuleCatalog.Get(id);
        return session.InTransaction(tx =>
        {
            var was = !Disabled(session.Connection, tx).Contains(rule.Id);
            session.Connection.Execute(
                """
                INSERT INTO rule_status (rule_id, enabled, changed_at) VALUES ($rule_id, $enabled, $now)
                ON CONFLICT (rule_id) DO UPDATE SET enabled = excluded.enabled,
                    changed_at = CASE WHEN rule_status.enabled = excluded.enabled THEN rule_status.changed_at ELSE excluded.changed_at END
                """,
                new { rule_id = rule.Id, enabled, now = now.UtcDateTime }, tx);
            return was != enabled;
        });
    }
}
