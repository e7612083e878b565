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
        [Argument("path", Description = "Files, folders (walked recursively) and glob patterns")] string[] paths,
        [FromService] ICoconaAppContextAccessor context)
    {
        using var status = new ConsoleStatusSink(common.Quiet);
        using var session = DuckDbSession.Open(common.DatabasePath, common.WaitTime);
        var summary = Run(session, paths, batches.ToIngestOptions(), status, context.Current?.CancellationToken ?? CancellationToken.None);
        return summary.HasFailures ? FailureCode(summary) : ExitCodes.Success;
    }

    internal static IngestSummary Run(DuckDbSession session, string[] paths, IngestOptions options, IStatusSink status, CancellationToken ct)
    {
        var summary = new Ingestor(session, status, options).Run(paths, ct);
        status.Info(
            $"ingest: {summary.FilesListed} file(s) listed, {summary.FilesUnchanged} unchanged, {summary.FilesLoaded} loaded, " +
            $"{summary.Failures.Count} failed; {summary.EventsRead:N0} event(s) read, {summary.EventsNew:N0} new, " +
            $"{summary.EventsSkipped:N0} skipped in {summary.Elapsed.TotalSeconds:0.0}s");
        return summary;
    }

    internal static int FailureCode(IngestSummary summary) =>
        summary.Failures.All(f => f.Reason == FileDiscovery.NotFound) ? ExitCodes.NoInput : ExitCodes.InputFilesFailed;
}
