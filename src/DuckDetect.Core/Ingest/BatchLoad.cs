using System.Data;
using Dapper;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Ingest;

/// <summary>The statements of one batch, run inside the caller's transaction.</summary>
internal static class BatchLoad
{
    public static IReadOnlyList<FileOutcome> Run(IDbConnection connection, IDbTransaction tx, IReadOnlyList<PendingFile> files)
    {
        var batch = connection.ExecuteScalar<long>("SELECT nextval('ingest_batch_seq')", transaction: tx);
        var now = DateTime.UtcNow;
        connection.Execute(SqlScripts.Get("ingest/files_table.sql"), transaction: tx);
        connection.Execute(
            """
            INSERT INTO ingest_files (path, read_path, file_rank, size_bytes, modified_at, fingerprint, format)
            SELECT unnest($paths), unnest($read_paths), unnest($ranks), unnest($sizes), unnest($times),
                   unnest($fingerprints), unnest($formats)
            """,
            new
            {
                paths = ListParameter.Of(files.Select(f => f.Path)),
                read_paths = ListParameter.Of(files.Select(f => f.ReadPath)),
                ranks = ListParameter.Of(Enumerable.Range(0, files.Count)),
                sizes = ListParameter.Of(files.Select(f => f.SizeBytes)),
                times = ListParameter.Of(files.Select(f => f.ModifiedAt.UtcDateTime)),
                fingerprints = ListParameter.Of(files.Select(f => f.Fingerprint ?? "")),
                formats = ListParameter.Of(files.Select(f => f.FormatName)),
            },
            tx);
        var raw = StepTrace.Step("ingest: plan the reads", () => BatchSql.RawQuery(connection, files));
        StepTrace.Step("ingest: read and normalize (stage)", () => connection.Execute(
            SqlText.Fill(SqlScripts.Get("ingest/stage.sql"), new Dictionary<string, string> { ["raw"] = raw }),
            transaction: tx, commandTimeout: 0));
        StepTrace.Step("ingest: reject files that are not CloudTrail", () => connection.Execute(SqlScripts.Get("ingest/reject_not_cloudtrail.sql"), transaction: tx));
        var parameters = new { batch, now };
        StepTrace.Step("ingest: insert new events", () => connection.Execute(SqlScripts.Get("ingest/insert_events.sql"), parameters, tx, commandTimeout: 0));
        StepTrace.Step("ingest: record files", () => connection.Execute(SqlScripts.Get("ingest/record_files.sql"), parameters, tx));
        var outcomes = StepTrace.Step("ingest: read outcomes", () => connection.Query<FileOutcome>(SqlScripts.Get("ingest/batch_outcomes.sql"), new { batch }, tx).ToList());
        connection.Execute("DROP TABLE IF EXISTS ingest_stage; DROP TABLE IF EXISTS ingest_files;", transaction: tx);
        return outcomes;
    }
}
