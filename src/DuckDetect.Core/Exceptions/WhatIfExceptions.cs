using System.Data;
using Dapper;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Exceptions;

/// <summary>
/// The exceptions a what-if run applies: production's, without those of <see cref="Without"/>, plus hypothetical
/// ones (<see cref="With"/>, numbered -1, -2...). They are written into the what-if database's own
/// rule_exceptions; when they differ from what it holds, its results belong to other exceptions and it starts over.
/// </summary>
[DapperAot]
public sealed record WhatIfExceptions
{
    public IReadOnlyList<long> Without { get; init; } = [];

    public IReadOnlyList<NewException> With { get; init; } = [];

    public static WhatIfExceptions None { get; } = new();

    /// <summary>
    /// A hypothetical exception as <c>--with-exception</c> gives it: <c>FIELD=VALUE</c> (the operator is),
    /// or <c>FIELD:OPERATOR=VALUE</c>.
    /// </summary>
    public static NewException ParseWith(string spec, string ruleId)
    {
        var equals = spec.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments,
                $"--with-exception '{spec}': use FIELD=VALUE or FIELD:OPERATOR=VALUE (operators: {string.Join(", ", ExceptionOperator.All)})");
        }
        var left = spec[..equals];
        var colon = left.IndexOf(':', StringComparison.Ordinal);
        var exception = new NewException
        {
            RuleId = ruleId,
            Field = colon < 0 ? left : left[..colon],
            Operator = colon < 0 ? ExceptionOperator.Is : left[(colon + 1)..],
            Values = [spec[(equals + 1)..]],
            Reason = "what-if",
            By = "what-if",
        };
        exception.Validate();
        return exception;
    }

    /// <summary>
    /// Writes the exceptions into the what-if database (production attached as <c>production</c>); returns true
    /// when they differ from those it held.
    /// </summary>
    public bool WriteInto(IDbConnection connection, IDbTransaction tx)
    {
        var productionHas = connection.ExecuteScalar<long>(
            "SELECT count(*) FROM duckdb_tables() WHERE database_name = 'production' AND table_name = 'rule_exceptions'", transaction: tx) > 0;
        var production = productionHas ? "production.main.rule_exceptions" : "(FROM rule_exceptions LIMIT 0)";
        var active = connection.Query<long>($"SELECT exception_id FROM {production} WHERE removed_at IS NULL", transaction: tx).ToHashSet();
        foreach (var id in Without.Where(id => !active.Contains(id)))
        {
            throw new DuckDetectException(FailureKind.InvalidArguments, $"--without-exception {id}: production has no active exception {id}");
        }
        connection.Execute("CREATE OR REPLACE TEMP TABLE what_if_exceptions_before AS FROM rule_exceptions", transaction: tx);
        connection.Execute("DELETE FROM rule_exceptions", transaction: tx);
        connection.Execute($"INSERT INTO rule_exceptions SELECT * FROM {production} WHERE NOT list_contains($without, exception_id)",
            new { without = ListParameter.Of(Without) }, tx);
        for (var i = 0; i < With.Count; i++)
        {
            ExceptionStore.Add(connection, With[i], DateTimeOffset.UnixEpoch, tx, id: -(i + 1));
        }
        var changed = connection.ExecuteScalar<long>(
            "SELECT count(*) FROM ((FROM what_if_exceptions_before EXCEPT ALL FROM rule_exceptions) UNION ALL (FROM rule_exceptions EXCEPT ALL FROM what_if_exceptions_before))",
            transaction: tx) > 0;
        connection.Execute("DROP TABLE what_if_exceptions_before", transaction: tx);
        return changed;
    }
}
