using Cocona;
using DuckDetect.Core;
using DuckDetect.Core.Alerts;
using DuckDetect.Core.Storage;

namespace DuckDetect.Commands;

public sealed class AlertsCommand
{
    [Command("alerts", Description = "Print alerts: a table for people, json, ndjson or csv for machines")]
    public int Alerts(
        CommonOptions common,
        [Option("since", Description = "Only alerts whose window ends at or after T", ValueName = "T")] string? since = null,
        [Option("until", Description = "Only alerts whose window ends at or before T", ValueName = "T")] string? until = null,
        [Option("format", Description = "table, json, ndjson or csv", ValueName = "FORMAT")] string format = "table")
    {
        var outputFormat = AlertFormats.Parse(format);
        var from = TimeArgument.Parse(since, "--since");
        var to = TimeArgument.Parse(until, "--until");
        if (from > to)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments, "--since is after --until");
        }
        using var session = DuckDbSession.Open(common.DatabasePath, common.WaitTime, readOnly: File.Exists(common.DatabasePath));
        AlertWriter.Write(Console.Out, AlertQuery.Read(session, from, to), outputFormat);
        return ExitCodes.Success;
    }
}
