using System.Data;
using Dapper;
using DuckDetect.Core.Rules;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Ingest;

/// <summary>
/// Inside an invocation batch's transaction, after its records are staged: reads the bodies of its new invocations that
/// Bedrock delivered separately (<see cref="SeparateBodies"/>), loads them in one read, and parses those records anew
/// with their bodies exactly as a body in the record is parsed (stage.sql), setting <c>separate_body_read</c>. A record
/// whose body cannot be read keeps its signals unknown; it is counted and named in one warning line of the batch.
/// </summary>
internal static class SeparateBodyLoad
{
    /// <summary>How many unread objects the warning names.</summary>
    private const int NamedObjects = 5;

    /// <summary>Reads and parses the batch's separate bodies; returns the batch's warning, or null when every one was read.</summary>
    public static string? Read(IDbConnection connection, IDbTransaction tx, IReadOnlyList<PendingFile> files, SeparateBodies bodies) =>
        Read(connection, tx, bodies, new Scope("unread_new.sql", "new", files.Select(f => f.Path).ToList(),
            reread => InvocationLoad.RawQuery(files.Where(f => reread.Contains(f.ReadPath)).ToList())));

    /// <summary>
    /// Reads the bodies of the staged records that <paramref name="scope"/>'s condition takes, and parses those records
    /// anew with them; returns the warning, or null when every one was read.
    /// </summary>
    internal static string? Read(IDbConnection connection, IDbTransaction tx, SeparateBodies bodies, Scope scope)
    {
        var paths = StepTrace.Step("ingest: bodies delivered separately (paths)",
            () => connection.Query<string>(Fill("separate_paths.sql", scope, []), transaction: tx).AsList());
        if (paths.Count == 0)
        {
            return null;
        }
        var fetch = StepTrace.Step("ingest: bodies delivered separately (fetch)",
            () => bodies.Fetch(paths, scope.SourcePaths, CancellationToken.None));
        var failed = new Dictionary<string, string>(fetch.Failed, StringComparer.Ordinal);
        try
        {
            if (fetch.Read.Count > 0)
            {
                StepTrace.Step("ingest: bodies delivered separately (load)", () => connection.Execute(Fill("separate_bodies.sql", scope, new()
                {
                    ["paths"] = SqlText.ListLiteral(fetch.Read.Select(r => r.Path)),
                    ["files"] = SqlText.ListLiteral(fetch.Read.Select(r => r.File)),
                }), transaction: tx, commandTimeout: 0));
                foreach (var path in connection.Query<string>(Fill("separate_not_json.sql", scope, []), transaction: tx))
                {
                    failed[path] = "not JSON";
                }
                if (fetch.Read.Count > failed.Count - fetch.Failed.Count)
                {
                    StepTrace.Step("ingest: bodies delivered separately (parse)", () => Restage(connection, tx, scope));
                }
            }
        }
        finally
        {
            bodies.Clear();
        }
        var unread = StepTrace.Step("ingest: bodies delivered separately (unread)",
            () => connection.ExecuteScalar<long>(Fill("separate_unread.sql", scope, []), transaction: tx));
        return unread == 0 ? null : Warning(unread, scope.Records, failed);
    }

    /// <summary>Parses anew, with their bodies, the records of the files that hold records with bodies to read.</summary>
    private static void Restage(IDbConnection connection, IDbTransaction tx, Scope scope)
    {
        var reread = connection.Query<string>(Fill("separate_files.sql", scope, []), transaction: tx).ToHashSet(StringComparer.Ordinal);
        connection.Execute(Fill("separate_keep.sql", scope, new() { ["files"] = SqlText.ListLiteral(reread.Order(StringComparer.Ordinal)) }), transaction: tx);
        var raw = Fill("separate_raw.sql", scope, new() { ["raw"] = scope.RawOf(reread) });
        connection.Execute(InvocationLoad.StageStatement(raw), transaction: tx, commandTimeout: 0);
        connection.Execute(SqlScripts.Get("ingest/invocations/separate_merge.sql"), transaction: tx);
    }

    /// <summary>
    /// The batch's one warning line: the unread records, and the objects not read grouped by reason (up to
    /// <see cref="NamedObjects"/> named in all).
    /// </summary>
    private static string Warning(long unread, string records, Dictionary<string, string> failed)
    {
        var named = 0;
        var reasons = failed.GroupBy(f => f.Value, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var paths = g.Select(f => f.Key).Order(StringComparer.Ordinal).ToList();
            var shown = paths.Take(Math.Max(1, NamedObjects - named)).ToList();
            named += shown.Count;
            var more = paths.Count > shown.Count ? $" and {paths.Count - shown.Count} more" : "";
            return $"{g.Key}: {string.Join(", ", shown)}{more}";
        });
        return $"{unread} {records} Bedrock invocation record(s) without the body Bedrock delivered separately " +
            $"(separate_body_read false, signals unknown; ingest --retry-bodies reads them again); {failed.Count} object(s) not read: " +
            string.Join("; ", reasons);
    }

    private static string Fill(string name, Scope scope, Dictionary<string, string> fragments)
    {
        fragments["unread"] = SqlScripts.Get("ingest/invocations/" + scope.Condition).TrimEnd();
        return SqlText.Fill(SqlScripts.Get("ingest/invocations/" + name), fragments);
    }

    /// <summary>
    /// Which staged records have bodies to read (<paramref name="Condition"/>, a fragment of sql/ingest/invocations/ over
    /// the staged record <c>s</c>), what the warning calls them, the paths of the files they came from (local copies
    /// are looked for beside them), and the raw records of the files read again.
    /// </summary>
    internal sealed record Scope(string Condition, string Records, IReadOnlyList<string> SourcePaths, Func<HashSet<string>, string> RawOf);
}
