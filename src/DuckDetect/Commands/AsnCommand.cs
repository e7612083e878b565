using System.Globalization;
using System.Text.Json.Nodes;
using Cocona;
using DuckDetect.Core;
using DuckDetect.Core.Enrichment;

namespace DuckDetect.Commands;

/// <summary><c>asn load|status|clear</c>: the AS data that fills source_asn and source_as_org (docs/enrichment.md).</summary>
public sealed class AsnCommand
{
    [Command("load", Description = "Load AS data (MaxMind DB, or CSV of ranges or networks; gzip and .tar.gz too) in place of the current, and give every stored event, alert and evidence row its AS")]
    public int Load(
        CommonOptions common,
        PublishOptions publish,
        [Argument("file", Description = "AS data files, loaded together (such as the IPv4 and IPv6 CSVs)")] string[] files,
        [Option("format", Description = "mmdb or csv (default: recognised from the content)", ValueName = "FORMAT")] string? format = null)
    {
        using var status = new ConsoleStatusSink(common.Quiet);
        var expected = format?.ToLowerInvariant() switch
        {
            null => (AsnFormat?)null,
            "mmdb" => AsnFormat.Mmdb,
            "csv" => AsnFormat.CsvRanges,
            _ => throw new DuckDetectException(FailureKind.InvalidArguments, $"unknown --format '{format}'; use mmdb or csv"),
        };
        var target = publish.TargetFor(common.DatabasePath);
        using var session = common.OpenDatabase(target);
        var summary = AsnLoader.Load(session, files, expected, DateTimeOffset.UtcNow, status);
        status.Info(string.Create(CultureInfo.InvariantCulture,
            $"asn: {summary.Ranges:N0} range(s) in use ({summary.Ipv4Ranges:N0} IPv4, {summary.Ipv6Ranges:N0} IPv6); " +
            $"{summary.SourceIpsWithAs:N0} of {summary.SourceIps:N0} stored source IP(s) have an AS; {summary.AlertsUpdated:N0} alert(s) updated " +
            $"in {summary.DurationMs / 1000.0:0.0}s"));
        PublishStep.Run(session, target, status);
        return ExitCodes.Success;
    }

    [Command("status", Description = "Show the AS data in use (files, when loaded, ranges) and how many stored source IPs, events and alerts have an AS")]
    public int Status(
        CommonOptions common,
        [Option("format", Description = "table or json", ValueName = "FORMAT")] string format = "table")
    {
        var json = JsonSections.IsJson(format);
        common.RequireDatabase();
        JsonObject report;
        using (var session = common.OpenDatabase(readOnly: true))
        {
            report = AsnStatus.Build(session);
        }
        if (json)
        {
            JsonSections.WriteJson(Console.Out, report);
            return ExitCodes.Success;
        }
        var output = Console.Out;
        if (report["loaded"] is JsonObject loaded)
        {
            JsonSections.Section(output, "AS data in use", loaded);
            JsonSections.Section(output, "files", report["files"]);
        }
        else
        {
            output.WriteLine(report["cleared_at"] is { } cleared
                ? $"no AS data: cleared at {JsonSections.Text(cleared)}"
                : "no AS data loaded: `duckdetect asn load FILE` (docs/enrichment.md)");
        }
        JsonSections.Section(output, "stored source IPs", report["source_ips"]);
        JsonSections.Section(output, "events", report["events"]);
        JsonSections.Section(output, "alerts", report["alerts"]);
        return ExitCodes.Success;
    }

    [Command("clear", Description = "Remove the AS data: events, alerts and evidence lose their AS")]
    public int Clear(CommonOptions common, PublishOptions publish)
    {
        using var status = new ConsoleStatusSink(common.Quiet);
        var target = publish.TargetFor(common.DatabasePath);
        using var session = common.OpenExistingDatabase(target);
        var summary = AsnLoader.Clear(session, DateTimeOffset.UtcNow);
        status.Info($"asn: AS data removed; {summary.AlertsUpdated:N0} alert(s) updated");
        PublishStep.Run(session, target, status);
        return ExitCodes.Success;
    }
}
