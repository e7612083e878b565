using System.Globalization;
using Cocona;
using DuckDetect.Core;
using DuckDetect.Core.Retention;

namespace DuckDetect.Commands;

public sealed class PruneCommand
{
    [Command("prune", Description = "Delete events older than T (alerts, triage, exceptions and evidence stay); detection never evaluates a window before T again")]
    public int Prune(
        CommonOptions common,
        [Option("before", Description = "Delete the events before T (ISO 8601 or a date)", ValueName = "T")] string before,
        [Option("compact", Description = "Then copy the database into a new file to give the freed space back (stop other duckdetect runs meanwhile)")] bool compact = false)
    {
        using var status = new ConsoleStatusSink(common.Quiet);
        var horizon = TimeArgument.Parse(before, "--before")
            ?? throw new DuckDetectException(FailureKind.InvalidArguments, "--before needs a time");
        using var session = common.OpenExistingDatabase();
        var summary = new Pruner(session, status).Run(horizon, compact, DateTimeOffset.UtcNow);
        status.Info(string.Create(CultureInfo.InvariantCulture,
            $"prune: {summary.EventsDeleted:N0} event(s) before {summary.Before:yyyy-MM-ddTHH:mm:ssZ} deleted ({summary.Days} day(s)); " +
            $"database {summary.BytesBefore / 1048576.0:N1} MiB -> {summary.BytesAfter / 1048576.0:N1} MiB{(summary.Compacted ? " (compacted)" : "")} " +
            $"in {summary.Elapsed.TotalSeconds:0.00}s"));
        return ExitCodes.Success;
    }
}
