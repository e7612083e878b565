using Cocona;
using Cocona.Application;
using DuckDetect.Core.Generate;

namespace DuckDetect.Commands;

public sealed class GenerateCommand
{
    [Command("generate", Description = "Write synthetic CloudTrail logs (S3 delivery layout) with planted Bedrock probing cases, their Bedrock model invocation logs, and a manifest.json of the alerts each rule must raise")]
    public int Generate(
        [Option("out", Description = "Folder to write AWSLogs/... and manifest.json into (created; must not hold generated data yet)", ValueName = "DIR")] string output,
        [Option("days", Description = "Number of days to generate", ValueName = "N")] int days,
        [Option("events-per-day", Description = "Events per day (at least 16,000: the first day holds the planted cases)", ValueName = "M")] long eventsPerDay,
        [FromService] ICoconaAppContextAccessor context,
        [Option("start", Description = "First day, UTC (default 2025-06-02)", ValueName = "YYYY-MM-DD")] string? start = null,
        [Option("seed", Description = "Seed: the same seed and options give the same bytes (default 1)", ValueName = "S")] long seed = 1,
        [Option("format", Description = "json (gzip {\"Records\":[...]} files, default) or parquet", ValueName = "json|parquet")] string format = "json",
        [Option("file-minutes", Description = "Minutes per delivery file of each account and region: 5 as CloudTrail (default), 60 for hourly files, up to 1440 (JSON only)", ValueName = "N")] int fileMinutes = 5,
        [Option("no-invocation-logs", Description = "Write CloudTrail only, without the planted principals' Bedrock model invocation logs")] bool noInvocationLogs = false,
        [Option("quiet", ['q'], Description = "Only warnings and errors on stderr")] bool quiet = false)
    {
        var options = GenerateOptions.Create(output, days, eventsPerDay, start, seed, format, fileMinutes, invocationLogs: !noInvocationLogs);
        using var status = new ConsoleStatusSink(quiet);
        var summary = new Generator(status).Run(options, context.Current?.CancellationToken ?? CancellationToken.None);
        var seconds = Math.Max(summary.Elapsed.TotalSeconds, 0.001);
        status.Info(
            $"generate: {summary.Days} day(s), {summary.Events:N0} events in {summary.Files:N0} {options.Format.ToString().ToLowerInvariant()} file(s), " +
            (options.InvocationLogs ? $"{summary.InvocationRecords:N0} Bedrock invocation log record(s) in {summary.InvocationFiles:N0} file(s), " : "") +
            $"{summary.Bytes / 1e6:N1} MB in {summary.Elapsed.TotalSeconds:0.0}s ({summary.Events / seconds:N0} events/s); manifest: {summary.ManifestPath}");
        return ExitCodes.Success;
    }
}
