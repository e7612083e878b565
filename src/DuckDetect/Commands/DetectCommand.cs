using Cocona;
using DuckDetect.Core;
using DuckDetect.Core.Alerts;
using DuckDetect.Core.Detection;
using DuckDetect.Core.Publishing;
using DuckDetect.Core.Rules;
using DuckDetect.Core.Storage;

namespace DuckDetect.Commands;

public sealed class DetectCommand
{
    [Command("detect", Description = "Evaluate every enabled rule's windows up to now (or --to), apply exceptions and suppression, write alerts")]
    public int Detect(CommonOptions common, DetectOptions options, PublishOptions publish)
    {
        using var status = new ConsoleStatusSink(common.Quiet);
        StepTrace.Step("detect: check the options", () => Validate(options));
        // A what-if run changes its own file only: the analysts' view of production stays as it is.
        var target = options.WhatIf is null ? publish.TargetFor(common.DatabasePath) : null;
        using var session = Open(common, options, target);
        Run(session, options, status);
        PublishStep.Run(session, target, status);
        return ExitCodes.Success;
    }

    /// <summary>
    /// Checks the options as <see cref="Run"/> will use them, without opening a database: run calls it before
    /// ingest, so that a bad --to or --format fails before any file is loaded.
    /// </summary>
    internal static void Validate(DetectOptions options)
    {
        AlertFormats.Parse(options.Format ?? "table");
        foreach (var rule in options.Rules)
        {
            options.SettingsFor(rule);
            options.ExceptionsFor(rule);
        }
        var from = TimeArgument.Parse(options.From, "--from");
        var to = TimeArgument.Parse(options.To, "--to");
        if (from > to)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments,
                $"--from {from:yyyy-MM-ddTHH:mm:ssZ} is after --to {to:yyyy-MM-ddTHH:mm:ssZ}");
        }
    }

    /// <summary>The production database, or for a tuned run its what-if database.</summary>
    private static DuckDbSession Open(CommonOptions common, DetectOptions options, PublishTarget? target) =>
        options.WhatIf is { } whatIf
            ? WhatIfDatabase.Open(whatIf, common.DatabasePath, options.Rules.Select(r => (r, options.SettingsFor(r))).ToList(),
                options.ExceptionsFor(options.Rules[0]), common.WaitTime, common.MemoryLimit)
            : common.OpenDatabase(target);

    /// <summary>
    /// Detect every selected rule on an open session (run keeps the one it ingested with, so no other process slips
    /// in between), all in one pass over the events; then the alerts the run raised or changed, one table per rule.
    /// </summary>
    internal static void Run(DuckDbSession session, DetectOptions options, IStatusSink status, bool printAlerts = true)
    {
        var disabled = RuleStatus.Disabled(session.Connection);
        foreach (var rule in options.Rules.Where(r => disabled.Contains(r.Id)))
        {
            // A disabled rule keeps its alerts and checkpoint; `rules enable` resumes it from there.
            status.Info($"detect: {rule.Name}: disabled (duckdetect rules enable {rule.Id})");
        }
        var enabled = options.Rules.Where(r => !disabled.Contains(r.Id)).ToList();
        if (enabled.Count == 0)
        {
            return;
        }
        var format = AlertFormats.Parse(options.Format ?? "table");
        var request = new DetectRequest
        {
            From = TimeArgument.Parse(options.From, "--from"),
            To = TimeArgument.Parse(options.To, "--to"),
            SettingsByRule = enabled.ToDictionary(r => r.Id, options.SettingsFor),
        };
        var summaries = StepTrace.Step("detect: every rule", () => new Detector(session, enabled, status).RunAll(request));
        foreach (var summary in summaries)
        {
            status.Info(
                $"detect: {summary.RuleName}{(options.WhatIf is null ? "" : " (what-if, " + request.SettingsByRule[summary.RuleId] + ")")}: " +
                $"{summary.WindowsEvaluated:N0} window(s) evaluated ({summary.LateWindows:N0} late) in {summary.Spans} span(s), " +
                $"{summary.Candidates:N0} candidate(s); alerts {summary.AlertsNew} new, {summary.AlertsUpdated} updated, " +
                $"{summary.AlertsRetracted} retracted");
        }
        status.Info($"detect: {summaries.Count} rule(s) in {summaries.Max(s => s.Elapsed).TotalSeconds:0.00}s");
        if (printAlerts && summaries.Any(s => s.AlertsNew + s.AlertsUpdated > 0))
        {
            AlertWriter.Write(Console.Out, AlertQuery.Read(session, runTime: summaries[0].RunTime), format);
        }
    }
}
