using Cocona;
using Cocona.Application;
using DuckDetect.Core;

namespace DuckDetect.Commands;

public sealed class RunCommand
{
    [Command("run", Description = "Ingest PATHs, then detect up to now (or --to), deliver to --consumer and the destinations, and publish: the one line a cron job needs")]
    public int Run(
        CommonOptions common,
        DetectOptions options,
        BatchOptions batches,
        PublishOptions publish,
        S3Options s3,
        [Argument("path", Description = "Files, folders (walked recursively), glob patterns and s3://BUCKET/PREFIX/ locations")] string[] paths,
        [FromService] ICoconaAppContextAccessor context,
        [Option("consumer", Description = "After detect, print every alert change not yet sent to this consumer (instead of the run's own alerts), then move its cursor", ValueName = "NAME")] string? consumer = null)
    {
        using var status = new ConsoleStatusSink(common.Quiet);
        if (options.IsTuned)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments,
                "run writes production alerts: tune with `detect --what-if FILE` instead");
        }
        DetectCommand.Validate(options);
        var ingestOptions = batches.ToIngestOptions();
        var settings = s3.ToSettings();
        var target = publish.TargetFor(common.DatabasePath);
        var format = DeliveryStep.FormatFor(options.Format, consumer);
        using var session = common.OpenDatabase(target);
        var ingest = IngestCommand.Run(session, paths, ingestOptions, settings, status, context.Current?.CancellationToken ?? CancellationToken.None);
        DetectCommand.Run(session, options, status, printAlerts: consumer is null);
        TestHold.At("after-commit");
        if (consumer is not null)
        {
            DeliveryStep.Run(session, consumer, format, status);
        }
        var deliveryFailed = DestinationStep.Run(session, null, status, context.Current?.CancellationToken ?? CancellationToken.None);
        PublishStep.Run(session, target, status);
        return ingest.HasFailures ? IngestCommand.FailureCode(ingest)
            : deliveryFailed ? ExitCodes.DeliveryFailed
            : ExitCodes.Success;
    }
}
