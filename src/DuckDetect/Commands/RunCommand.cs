using Cocona;
using Cocona.Application;
using DuckDetect.Core.Storage;

namespace DuckDetect.Commands;

public sealed class RunCommand
{
    [Command("run", Description = "Ingest PATHs, then detect up to now (or --to): the one line a cron job needs")]
    public int Run(
        CommonOptions common,
        DetectOptions options,
        BatchOptions batches,
        [Argument("path", Description = "Files, folders (walked recursively) and glob patterns")] string[] paths,
        [FromService] ICoconaAppContextAccessor context)
    {
        using var status = new ConsoleStatusSink(common.Quiet);
        if (options.IsTuned)
        {
            throw new Core.DuckDetectException(Core.FailureKind.InvalidArguments,
                "run writes production alerts: tune with `detect --what-if FILE` instead");
        }
        DetectCommand.Validate(options);
        using var session = DuckDbSession.Open(common.DatabasePath, common.WaitTime);
        var ingest = IngestCommand.Run(session, paths, batches.ToIngestOptions(), status, context.Current?.CancellationToken ?? CancellationToken.None);
        DetectCommand.Run(session, options, status);
        return ingest.HasFailures ? IngestCommand.FailureCode(ingest) : ExitCodes.Success;
    }
}
