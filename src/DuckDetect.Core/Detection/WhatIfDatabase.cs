using Dapper;
using DuckDetect.Core.Exceptions;
using DuckDetect.Core.Rules;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Detection;

/// <summary>
/// A what-if run (tuned threshold, window, interval or suppression) writes to its own database file, so that
/// its alerts never mix with production's: that file reads the events of the production database, attached
/// read-only, through temporary views that stand in for its own (empty) cloudtrail_events, source_ip_as and bedrock_invocations
/// tables (the content signals of its alerts read production's invocation logs). Run again with
/// other settings for one of its rules or other exceptions, the file starts over; with the same, it continues like
/// production does. Production's exceptions apply, except those the run leaves out, with the hypothetical ones it adds.
/// </summary>
[DapperAot]
public static class WhatIfDatabase
{
    public static DuckDbSession Open(string whatIfPath, string productionPath, IReadOnlyList<(RuleDefinition Rule, RuleSettings Settings)> rules,
        WhatIfExceptions exceptions, TimeSpan wait, string? memoryLimit = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (Path.GetFullPath(whatIfPath) == Path.GetFullPath(productionPath))
        {
            throw new DuckDetectException(FailureKind.InvalidArguments,
                "--what-if must name a database file other than --db: tuned results never mix with production alerts");
        }
        if (!File.Exists(productionPath))
        {
            throw new DuckDetectException(FailureKind.NoInput, $"no database at {Path.GetFullPath(productionPath)}");
        }
        // Validate the production file first (DuckDB file, DuckDetect schema not newer than this build).
        DuckDbSession.Open(productionPath, wait, readOnly: true, memoryLimit: memoryLimit).Dispose();
        var session = DuckDbSession.Open(whatIfPath, wait, memoryLimit: memoryLimit);
        try
        {
            session.Connection.Execute($"ATTACH {SqlText.Literal(Path.GetFullPath(productionPath))} AS production (READ_ONLY)");
            session.Connection.Execute("CREATE OR REPLACE TEMP VIEW cloudtrail_events AS SELECT *, rowid AS rowid FROM production.main.cloudtrail_events");
            session.Connection.Execute("CREATE OR REPLACE TEMP VIEW source_ip_as AS SELECT * FROM production.main.source_ip_as");
            session.Connection.Execute("CREATE OR REPLACE TEMP VIEW bedrock_invocations AS SELECT * FROM production.main.bedrock_invocations");
            var changed = rules.Any(r => session.Connection.ExecuteScalar<string?>(
                "SELECT settings FROM detect_runs WHERE rule_id = $rule_id ORDER BY run_id DESC LIMIT 1",
                new { rule_id = r.Rule.Id }) is { } previous && previous != r.Settings.ToString());
            session.InTransaction(tx =>
            {
                var exceptionsChanged = exceptions.WriteInto(session.Connection, tx);
                if (changed || exceptionsChanged)
                {
                    session.Connection.Execute(SqlScripts.Get("detect/reset_what_if.sql"), transaction: tx);
                }
                return 0;
            });
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }
}
