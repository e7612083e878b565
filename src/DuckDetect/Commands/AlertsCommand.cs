using Cocona;
using DuckDetect.Core;
using DuckDetect.Core.Alerts;
using DuckDetect.Core.Principals;
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
        [Option("destination", Description = "Deliver to this destination every change it has not accepted (stdout stays empty)", ValueName = "NAME")] string? destination = null,
        [Option("by-principal", Description = "One view per principal and account: its alerts of every rule in time order and one combined score, highest first (table or json)")] bool byPrincipal = false,
        [Option("lookback", Description = "With --by-principal: the lookback that groups a principal's alerts and bounds its score, such as 24h, 90m or 7d (default: $DUCKDETECT_PRINCIPAL_LOOKBACK, else 24h)", ValueName = "LENGTH")] string? lookback = null,
        [Option("min-score", Description = "With --by-principal: only views scoring at least N (0-100, default 0)", ValueName = "N")] int minScore = 0)
    {
        if (byPrincipal)
        {
            if (consumer is not null || destination is not null || status is not null)
            {
                throw new DuckDetectException(FailureKind.InvalidArguments, "--by-principal takes no --consumer, --destination or --status");
            }
            return ByPrincipal(common, since, until, format, lookback, minScore);
        }
        if (lookback is not null || minScore != 0)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments, "--lookback and --min-score go with --by-principal");
        }
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

    /// <summary>The principal views of the alerts whose window ends in [since, until], from the analyst database when there is one.</summary>
    private static int ByPrincipal(CommonOptions common, string? since, string? until, string? format, string? lookback, int minScore)
    {
        var json = JsonSections.IsJson(format ?? "table");
        var minutes = PrincipalLookback.Resolve(lookback, "--lookback");
        if (minScore is < 0 or > 100)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments, "--min-score must be between 0 and 100");
        }
        var from = TimeArgument.Parse(since, "--since");
        var to = TimeArgument.Parse(until, "--until");
        if (from > to)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments, "--since is after --until");
        }
        using var session = common.OpenAnalystOrJobDatabase();
        PrincipalViews.BuildAll(session.Connection, minutes, from, to);
        var views = PrincipalViews.List(session.Connection, minScore);
        if (json)
        {
            JsonSections.WriteJson(Console.Out, views["views"]!);
        }
        else
        {
            PrincipalViewTable.Write(Console.Out, views);
        }
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
