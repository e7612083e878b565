using System.Data;
using System.Globalization;
using Dapper;
using DuckDetect.Core.Rules;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Ingest;

/// <summary>
/// Loads one batch of Bedrock model invocation log files into <c>bedrock_invocations</c>, inside the caller's
/// transaction, set-based: DuckDB reads the records, parses the bodies, hashes and flags them (invocations/stage.sql),
/// appends the new invocations (one per account and request id) and records the files in <c>ingested_files</c>.
/// Prompt and response texts exist only in the batch's temporary stage, unless <paramref name="keepText"/> copies them,
/// redacted, into <c>bedrock_invocation_texts</c>.
/// </summary>
internal static class InvocationLoad
{
    public static IReadOnlyList<FileOutcome> Load(IDbConnection connection, IDbTransaction tx, IReadOnlyList<PendingFile> files,
        BatchMemory memory, bool keepText, SeparateBodies bodies)
    {
        MemoryLimit.Set(connection, memory.Read, tx);
        var batch = BatchLoad.ListFiles(connection, tx, files);
        var now = DateTime.UtcNow;
        var inline = SqlText.Fill(SqlScripts.Get("ingest/invocations/inline_raw.sql"), new Dictionary<string, string> { ["raw"] = RawQuery(files) });
        StepTrace.Step("ingest: invocation logs (read, parse, hash)", () => connection.Execute(StageStatement(inline), transaction: tx, commandTimeout: 0));
        bodies.Warning = SeparateBodyLoad.Read(connection, tx, files, bodies);
        StepTrace.Step("ingest: insert new invocations", () => connection.Execute(
            SqlScripts.Get("ingest/invocations/insert.sql"), new { batch, now }, tx, commandTimeout: 0));
        connection.Execute(SqlScripts.Get("ingest/invocations/hours.sql"), new { batch }, tx);
        if (keepText)
        {
            connection.Execute(SqlText.Fill(SqlScripts.Get("ingest/invocations/keep_text.sql"), Fragments([])), new { batch }, tx);
        }
        connection.Execute(SqlScripts.Get("ingest/invocations/count.sql"), new { batch }, tx);
        return BatchLoad.RecordFiles(connection, tx, batch, now);
    }

    /// <summary>Whether a file holds invocation log records (recognised by content, <see cref="RecordShape.BedrockInvocation"/>).</summary>
    public static bool Holds(PendingFile file) => file.Sniff?.Shape == RecordShape.BedrockInvocation;

    /// <summary>stage.sql over the records of <paramref name="raw"/>.</summary>
    internal static string StageStatement(string raw) => RuleText.Fill("ingest/invocations/stage.sql", Fragments(new Dictionary<string, string> { ["raw"] = raw }));

    /// <summary>The read of the batch's files, one per format and compression.</summary>
    internal static string RawQuery(IReadOnlyList<PendingFile> files) =>
        string.Join("\nUNION ALL BY NAME\n", files.GroupBy(f => (f.Sniff!.Format, f.Sniff.Gzip)).Select(group =>
            SqlText.Fill(SqlScripts.Get("ingest/read_events.sql"), new Dictionary<string, string>
            {
                ["record_columns"] = SqlScripts.Get("ingest/invocations/columns.sql").TrimEnd(),
                ["files"] = SqlText.ListLiteral(group.OrderByDescending(f => f.ContentBytes).Select(f => f.ReadPath)),
                ["compression"] = SqlText.Literal(group.Key.Gzip ? "gzip" : "uncompressed"),
                ["max_object_size"] = BatchSql.MaxObjectSize(group).ToString(CultureInfo.InvariantCulture),
                ["format"] = SqlText.Literal(group.Key.Format switch
                {
                    FileFormat.JsonArray => "array",
                    FileFormat.Ndjson => "newline_delimited",
                    _ => "unstructured",
                }),
            })));

    /// <summary>The fragments the invocation statements share, with <paramref name="more"/>.</summary>
    internal static Dictionary<string, string> Fragments(Dictionary<string, string> more)
    {
        // First: it holds the private key and credential patterns' placeholders, filled after it.
        more["redacted_texts"] = SqlScripts.Get("ingest/invocations/redacted_texts.sql").TrimEnd();
        more["template"] = SqlScripts.Get("ingest/invocations/template.sql").TrimEnd();
        more["minhash"] = SqlScripts.Get("ingest/invocations/minhash.sql").TrimEnd();
        more["credential_pattern"] = SqlScripts.Get("ingest/invocations/credential_pattern.sql").TrimEnd();
        more["private_key"] = SqlScripts.Get("ingest/invocations/private_key.sql").TrimEnd();
        more["guardrail_assessments"] = SqlScripts.Get("ingest/invocations/guardrail_assessments.sql").TrimEnd();
        more["exec_patterns"] = SqlScripts.Get("ingest/invocations/exec_patterns.sql").TrimEnd();
        return more;
    }
}
