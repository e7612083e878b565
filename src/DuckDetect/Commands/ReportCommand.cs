using Cocona;
using DuckDetect.Core;
using DuckDetect.Core.Reporting;

namespace DuckDetect.Commands;

public sealed class ReportCommand
{
    [Command("report", Description = "Write one self-contained HTML report: alerts per day by rule and triage status, the principals by combined score with their timelines, each alerting principal's calls against the threshold, the tuning curve and near-misses, run health")]
    public int Report(
        CommonOptions common,
        [Option("out", Description = "The HTML file to write (replaced whole)", ValueName = "FILE")] string? @out = null,
        [Option("from", Description = "Only alerts whose window ends at or after T (and tuning over windows after T)", ValueName = "T")] string? from = null,
        [Option("to", Description = "Only alerts whose window ends at or before T (and tuning up to T)", ValueName = "T")] string? to = null,
        [Option("lookback", Description = "The principal views' lookback, such as 24h or 7d (default: $DUCKDETECT_PRINCIPAL_LOOKBACK, else 24h)", ValueName = "LENGTH")] string? lookback = null)
    {
        if (string.IsNullOrWhiteSpace(@out))
        {
            throw new DuckDetectException(FailureKind.InvalidArguments, "report needs --out FILE.html");
        }
        var request = new ReportRequest
        {
            From = TimeArgument.Parse(from, "--from"),
            To = TimeArgument.Parse(to, "--to"),
            LookbackMinutes = Core.Principals.PrincipalLookback.Resolve(lookback, "--lookback"),
        };
        common.RequireDatabase();
        using var status = new ConsoleStatusSink(common.Quiet);
        string html;
        // Tuning needs the events, which only the job's database holds: it is opened read-only for the queries, then
        // closed before the charts are drawn and the file written.
        using (var session = common.OpenDatabase(readOnly: true))
        {
            html = HtmlReport.Build(session, request);
        }
        var path = Path.GetFullPath(@out);
        var temporary = path + ".tmp-" + Environment.ProcessId;
        try
        {
            File.WriteAllText(temporary, html);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new DuckDetectException(FailureKind.OutputFailed, $"report {@out} cannot be written: {ex.Message}", ex);
        }
        status.Info($"report: {path} ({html.Length / 1024:N0} KB)");
        return ExitCodes.Success;
    }
}
