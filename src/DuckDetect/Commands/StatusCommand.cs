using System.Globalization;
using System.Text.Json.Nodes;
using Cocona;
using DuckDetect.Core;
using DuckDetect.Core.Publishing;
using DuckDetect.Core.Status;
using DuckDetect.Core.Storage;

namespace DuckDetect.Commands;

public sealed class StatusCommand
{
    [Command("status", Description = "Show events and ingest lag, the last runs, each rule's checkpoint and pending windows, failed files, consumers, destinations and the analyst database's age")]
    public int Status(
        CommonOptions common,
        [Option("publish", Description = "The analyst database to report on (default: $DUCKDETECT_PUBLISH, else NAME.alerts.duckdb beside --db)", ValueName = "FILE")] string? publish = null,
        [Option("format", Description = "table or json", ValueName = "FORMAT")] string format = "table",
        [Option("max-lag", Description = "Exit 69 when a rule's detection, or an enabled destination's delivery, lags more than MINUTES behind now (for monitoring)", ValueName = "MINUTES")] double? maxLag = null)
    {
        var json = JsonSections.IsJson(format);
        if (maxLag is < 0)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments, "--max-lag must be zero or more minutes");
        }
        common.RequireDatabase();
        var target = PublishTarget.Resolve(common.DatabasePath, publish, disabled: false, PublishTarget.DefaultEvidenceDays,
            Environment.GetEnvironmentVariable(PublishTarget.EnvironmentVariable));
        var report = Build(common, target);
        if (json)
        {
            JsonSections.WriteJson(Console.Out, report);
        }
        else
        {
            StatusTable.Write(Console.Out, report);
        }
        if (maxLag is { } max && Lagging(report, max) is { Count: > 0 } problems)
        {
            throw new DuckDetectException(FailureKind.DetectionLagging, string.Join("; ", problems));
        }
        return ExitCodes.Success;
    }

    /// <summary>What lags more than <paramref name="max"/> minutes: detection (the furthest rule), delivery (the furthest enabled destination).</summary>
    private static List<string> Lagging(JsonObject report, double max)
    {
        var problems = new List<string>();
        var (rule, lag) = StatusReport.MostLagging(report);
        if (lag > max)
        {
            problems.Add(double.IsPositiveInfinity(lag)
                ? $"detection lags: rule '{rule}' has never been evaluated"
                : string.Create(CultureInfo.InvariantCulture,
                    $"detection lags {Duration.Describe(lag)} behind now for rule '{rule}' ({lag:0.#} minutes; --max-lag {max:0.#})"));
        }
        var (destinationLag, destination) = StatusReport.DestinationLagMinutes(report);
        if (destinationLag > max)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"destination {destination} lags {Duration.Describe(destinationLag)} behind: the oldest alert change it has not accepted is that old ({destinationLag:0.#} minutes; --max-lag {max:0.#})"));
        }
        return problems;
    }

    /// <summary>From the job's database; while a run holds it (after --wait), from the analyst database.</summary>
    private static JsonObject Build(CommonOptions common, PublishTarget? target)
    {
        try
        {
            using var session = common.OpenDatabase(target, readOnly: true);
            return StatusReport.Build(session, common.DatabasePath, target?.Path, DateTimeOffset.UtcNow);
        }
        catch (DuckDetectException ex) when (ex.Kind == FailureKind.DatabaseBusy && target is not null && File.Exists(target.Path))
        {
            using var snapshot = DuckDbSession.OpenAnalystDatabase(target.Path, common.MemoryLimit);
            return StatusReport.Build(snapshot, common.DatabasePath, target.Path, DateTimeOffset.UtcNow, fromAnalystDatabase: true);
        }
    }
}
