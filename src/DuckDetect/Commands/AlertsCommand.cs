using Cocona;
using DuckDetect.Core;
using DuckDetect.Core.Alerts;
using DuckDetect.Core.Publishing;
using DuckDetect.Core.Triage;

namespace DuckDetect.Commands;

public sealed class AlertsCommand
{
    [Command("alerts", Description = "Print alerts: a table for people, json, ndjson or csv for machines; with --consumer, every change not yet sent to that consumer")]
    public int Alerts(
        CommonOptions common,
        [Option("since", Description = "Only alerts whose window ends at or after T", ValueName = "T")] string? since = null,
        [Option("until", Description = "Only alerts whose window ends at or before T", ValueName = "T")] string? until = null,
        [Option("format", Description = "table, json, ndjson or csv (default: table; ndjson with --consumer)", ValueName = "FORMAT")] string? format = null,
        [Option("consumer", Description = "Print the alerts created, updated or retracted since this consumer's cursor, then move the cursor", ValueName = "NAME")] string? consumer = null,
        [Option("status", Description = "Only alerts with this triage status: open, acknowledged or closed", ValueName = "STATUS")] string? status = null,
        [Option("destination", Description = "Deliver to this destination every change it has not accepted (stdout stays empty)", ValueName = "NAME")] string? destination = null)
    {
        if (destination is not null)
        {
            return Deliver(common, destination, since is not null || until is not null || status is not null || consumer is not null || format is not null);
        }
        var triageStatus = status is null ? null : TriageChange.ParseStatus(status);
        var outputFormat = DeliveryStep.FormatFor(format, consumer);
        var from = TimeArgument.Parse(since, "--since");
        var to = TimeArgument.Parse(until, "--until");
        if (from > to)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments, "--since is after --until");
        }
        if (consumer is not null)
        {
            if (since is not null || until is not null || status is not null)
            {
                throw new DuckDetectException(FailureKind.InvalidArguments, "--consumer sends every change after its cursor: it takes no --since, --until or --status");
            }
            using var sink = new ConsoleStatusSink(common.Quiet);
            using var writable = common.OpenDatabase();
            DeliveryStep.Run(writable, consumer, outputFormat, sink);
            return ExitCodes.Success;
        }
        using var session = common.OpenAnalystOrJobDatabase();
        AlertWriter.Write(Console.Out, AlertQuery.Read(session, from, to, status: triageStatus), outputFormat);
        return ExitCodes.Success;
    }

    private static int Deliver(CommonOptions common, string destination, bool otherOptions)
    {
        if (otherOptions)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments,
                "--destination delivers every change after its cursor: it takes no --since, --until, --status, --format or --consumer");
        }
        using var sink = new ConsoleStatusSink(common.Quiet);
        using var writable = common.OpenExistingDatabase();
        return DestinationStep.Run(writable, destination, sink, CancellationToken.None) ? ExitCodes.DeliveryFailed : ExitCodes.Success;
    }
}
