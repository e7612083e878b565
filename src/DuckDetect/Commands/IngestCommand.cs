using Cocona;
using Cocona.Application;
using DuckDetect.Core;
using DuckDetect.Core.Ingest;
using DuckDetect.Core.S3;
using DuckDetect.Core.Storage;

namespace DuckDetect.Commands;

public sealed class IngestCommand
{
    [Command("ingest", Description = "Load CloudTrail files (JSON, gzip, NDJSON, Parquet; files, folders, globs) and Bedrock model invocation logs into the database")]
    public int Ingest(
        CommonOptions common,
        BatchOptions batches,
        PublishOptions publish,
        S3Options s3,
        [Argument("path", Description = "Files, folders (walked recursively), glob patterns and s3://BUCKET/PREFIX/ locations")] string[] paths,
        [FromService] ICoconaAppContextAccessor context)
    {
        using var status = new ConsoleStatusSink(common.Quiet);
        var options = batches.ToIngestOptions();
        var settings = s3.ToSettings();
        var target = publish.TargetFor(common.DatabasePath);
        using var session = common.OpenDatabase(target);
        var summary = Run(session, paths, options, settings, status, context.Current?.CancellationToken ?? CancellationToken.None);
        if (summary.FilesLoaded > 0 || summary.HasFailures || (target is not null && !File.Exists(target.Path)))
        {
            PublishStep.Run(session, target, status);
        }
        return summary.HasFailures ? FailureCode(summary) : ExitCodes.Success;
    }

    internal static IngestSummary Run(DuckDbSession session, string[] paths, IngestOptions options, S3Settings s3, IStatusSink status, CancellationToken ct)
    {
        var summary = new Ingestor(session, status, options, s3).Run(paths, ct);
        status.Info(
            $"ingest: {summary.FilesListed} file(s) listed, {summary.FilesUnchanged} unchanged, {summary.FilesLoaded} loaded, " +
            $"{summary.Failures.Count} failed{(summary.Deferred.Count > 0 ? $", {summary.Deferred.Count} left for lack of memory" : "")}; {summary.EventsRead:N0} event(s) read, {summary.EventsNew:N0} new, " +
            $"{summary.EventsSkipped:N0} skipped{Invocations(summary)} in {summary.Elapsed.TotalSeconds:0.0}s{S3Options.Figures(summary)}");
        return summary;
    }

    private static string Invocations(IngestSummary summary) =>
        (summary.InvocationsRead == 0 ? "" :
            $"; {summary.InvocationsRead:N0} Bedrock invocation record(s) read, {summary.InvocationsNew:N0} new, {summary.InvocationsSkipped:N0} skipped")
        + (summary.InvocationsStored == 0 ? "" :
            $"; {summary.InvocationsMatchedByRequestId + summary.InvocationsMatchedByTime:N0} matched to CloudTrail " +
            $"({summary.InvocationsMatchedByRequestId:N0} by request id, {summary.InvocationsMatchedByTime:N0} by time), " +
            $"{Percent(summary.InvocationsMatched, summary.InvocationsStored)} of {summary.InvocationsStored:N0} stored invocation(s) matched");

    private static string Percent(long part, long whole) =>
        (100.0 * part / whole).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%";

    /// <summary>
    /// The exit code of an ingest with failures, the one to act on first: a file left for lack of memory (the machine,
    /// not the data, needs attention), S3 credentials (77), an S3 source that cannot be listed (76), files or objects
    /// that failed (65), paths that named nothing (66).
    /// </summary>
    internal static int FailureCode(IngestSummary summary) =>
        summary.Deferred.Count > 0 ? ExitCodes.OutOfMemory
        : summary.S3SourceFailures.Any(f => f.Kind == S3FailureKind.Credentials) ? ExitCodes.S3CredentialsRefused
        : summary.S3SourceFailures.Count > 0 ? ExitCodes.S3SourceUnusable
        : summary.Failures.All(f => f.Reason == FileDiscovery.NotFound) ? ExitCodes.NoInput
        : ExitCodes.InputFilesFailed;
}
