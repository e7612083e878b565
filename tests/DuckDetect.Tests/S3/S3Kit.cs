using Dapper;
using DuckDetect.Core.Ingest;
using DuckDetect.Core.S3;
using DuckDetect.Tests.Ingest;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.S3;

/// <summary>Helpers of the S3 tests: ingest in this process against the local server, and what the state tables hold.</summary>
public static class S3Kit
{
    /// <summary>Today (UTC) at midnight: the tests' keys are dated from it, as a scheduled run's are.</summary>
    public static DateTime Today => DateTime.UtcNow.Date;

    /// <summary>Settings for the local server (or a proxy in front of it), with short retry delays.</summary>
    public static S3Settings Settings(string? endpoint = null) => new()
    {
        EndpointUrl = endpoint ?? S3Server.Shared.Endpoint,
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
    };

    public static IngestRun Ingest(TempDatabase db, S3Settings settings, params string[] paths) => Ingest(db, settings, null, paths);

    public static IngestRun Ingest(TempDatabase db, S3Settings settings, IngestOptions? options, params string[] paths)
    {
        S3Server.UseCredentials();
        var status = new RecordingStatusSink();
        using var session = db.Open();
        var summary = new Ingestor(session, status, options, settings).Run(paths);
        return new IngestRun(summary, status);
    }

    public static List<string> Roots(TempDatabase db, string source) =>
        db.Query<string>("SELECT prefix || ' ' || day_pattern FROM s3_prefixes WHERE source = $source ORDER BY prefix", new { source });

    public static long Count(TempDatabase db, string table, string source) =>
        db.Scalar<long>($"SELECT count(*) FROM {table} WHERE source = $source", new { source });

    /// <summary>Moves a source's last reconciliation back, as if it was that long ago.</summary>
    public static void AgeReconciliation(TempDatabase db, string source, TimeSpan age)
    {
        using var session = db.Open();
        session.Connection.Execute("UPDATE s3_sources SET last_reconciled_at = last_reconciled_at - to_seconds($seconds) WHERE source = $source",
            new { seconds = (long)age.TotalSeconds, source });
    }
}
