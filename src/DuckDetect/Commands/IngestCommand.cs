using Cocona;
using Cocona.Application;
using DuckDetect.Core;
using DuckDetect.Core.Ingest;
using DuckDetect.Core.Storage;

namespace DuckDetect.Commands;

public sealed class IngestCommand
{
    [Command("ingest", Description = "Load CloudTrail files (JSON, gzip, NDJSON, Parquet; files, folders, globs) into the database")]
    public int Ingest(
        CommonOptions common,
        BatchOptions batches,
        PublishOptions publish,
        [Argument("path", Description = "Files, folders (walked recursively) and glob patterns")] string[] paths,
        [FromService] ICoconaAppContextAccessor context)
    {
        using var status = new ConsoleStatusSink(common.Quiet);
        var target = publish.TargetFor(common.DatabasePath);
        using var session = common.OpenDatabase(target);
        var summary = Run(session, paths, batches.ToIngestOptions(), status, context.Current?.CancellationToken ?? CancellationToken.None);
        if (summary.FilesLoaded > 0 || summary.HasFailures || (target is not null && !File.Exists(target.Path)))
        {
            PublishStep.Run(session, target, status);
        }
        return summary.HasFailures ? FailureCode(summary) : ExitCodes.Success;
    }

    internal static IngestSummary Run(DuckDbSession session, string[] paths, IngestOptions options, IStatusSink status, CancellationToken ct)
    {
        var summary = new Ingestor(session, status, options).Run(paths, ct);
        status.Info(
            $"ingest: {summary.FilesListed} file(s) listed, {summary.FilesUnchanged} unchanged, {summary.FilesLoaded} loaded, " +
            $"{summary.Failures.Count} failed{(summary.Deferred.Count > 0 ? $", {summary.Deferred.Count} left for lack of memory" : "")}; {summary.EventsRead:N0} event(s) read, {summary.EventsNew:N0} new, " +
            $"{summary.EventsSkipped:N0} skipped in {summary.Elapsed.TotalSeconds:0.0}s");
        return summary;
    }

    /// <summary>
    /// The exit code of an ingest with failures: a file left for lack of memory first (the machine, not the data, needs
    /// attention), then failed files, then paths that named nothing.
    /// </summary>
    internal static int FailureCode(IngestSummary summary) =>
        summary.Deferred.Count > 0 ? ExitCodes.OutOfMemory
        : summary.Failures.All(f => f.Reason == FileDiscovery.NotFound) ? ExitCodes.NoInput
        : ExitCodes.InputFilesFailed;
}
