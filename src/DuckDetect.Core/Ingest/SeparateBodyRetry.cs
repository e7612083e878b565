using Dapper;
using DuckDetect.Core.Rules;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Ingest;

/// <summary>
/// <c>--retry-bodies</c>: reads again the bodies delivered separately of every stored invocation that has them unread
/// (<c>separate_body_read = false</c>: no credentials, access denied, the object missing or not JSON when it was
/// loaded), in one transaction. The records are rebuilt from their stored columns and parsed with their bodies exactly as
/// at ingest; those read take a new ingest batch, so that the next detect re-evaluates the windows and content signals
/// they fall in. Never automatic: a bucket that stays unreachable would cost a request per body on every run.
/// </summary>
internal static class SeparateBodyRetry
{
    public static SeparateBodyCounts Run(DuckDbSession session, SeparateBodies bodies, IStatusSink status, bool keepText)
    {
        var (counts, warning) = session.InTransaction(tx =>
        {
            var connection = session.Connection;
            connection.Execute(SqlScripts.Get("ingest/invocations/retry_raw.sql"), transaction: tx, commandTimeout: 0);
            var sources = connection.Query<string>(SqlScripts.Get("ingest/invocations/retry_sources.sql"), transaction: tx).AsList();
            if (sources.Count == 0)
            {
                return (new SeparateBodyCounts(), (string?)null);
            }
            var raw = SqlScripts.Get("ingest/invocations/retry_raw_read.sql");
            connection.Execute(InvocationLoad.StageStatement(
                SqlText.Fill(SqlScripts.Get("ingest/invocations/inline_raw.sql"), new Dictionary<string, string> { ["raw"] = raw })),
                transaction: tx, commandTimeout: 0);
            var warning = SeparateBodyLoad.Read(connection, tx, bodies, new SeparateBodyLoad.Scope("unread_stored.sql", "stored", sources, _ => raw));
            var batch = connection.ExecuteScalar<long>(SqlScripts.Get("ingest/invocations/next_batch.sql"), transaction: tx);
            connection.Execute(SqlScripts.Get("ingest/invocations/retry_update.sql"), new { batch }, tx, commandTimeout: 0);
            if (keepText)
            {
                connection.Execute(RuleText.Fill("ingest/invocations/retry_keep_text.sql", InvocationLoad.Fragments([])), new { batch }, tx);
            }
            return (connection.QuerySingle<SeparateBodyCounts>(SqlScripts.Get("ingest/invocations/retry_counts.sql"), transaction: tx), warning);
        });
        status.Info($"retry-bodies: {counts.Read} stored Bedrock invocation record(s) read with their bodies delivered separately, {counts.Unread} still unread");
        if (warning is not null)
        {
            status.Warn(warning);
        }
        return counts;
    }
}
