using Cocona;
using DuckDetect.Core;
using DuckDetect.Core.Triage;

namespace DuckDetect.Commands;

public sealed class TriageCommand
{
    [Command("triage", Description = "Set alerts' triage status (open, acknowledged, closed) with a reason and a note; every change is kept in alert_triage")]
    public int Triage(
        CommonOptions common,
        PublishOptions publish,
        [Argument("alert-id", Description = "Alert ids (active or retracted)")] string[] alertIds,
        [Option("status", Description = "open, acknowledged or closed", ValueName = "STATUS")] string status,
        [Option("reason", Description = "false_positive, true_positive, benign, duplicate or other", ValueName = "REASON")] string? reason = null,
        [Option("note", Description = "Free text kept with the change", ValueName = "TEXT")] string? note = null,
        [Option("by", Description = "Who decides (default: the user name)", ValueName = "NAME")] string? by = null)
    {
        using var statusSink = new ConsoleStatusSink(common.Quiet);
        var change = new TriageChange
        {
            AlertIds = alertIds,
            Status = status,
            Reason = reason,
            Note = note,
            By = by ?? Environment.UserName,
        }.Validate();
        var target = publish.TargetFor(common.DatabasePath);
        using var session = common.OpenExistingDatabase(target);
        var rows = session.InTransaction(tx => TriageStore.Record(session.Connection, change, DateTimeOffset.UtcNow, tx));
        statusSink.Info($"triage: {rows} alert(s) set to {change.Status}{(change.Reason is null ? "" : " (" + change.Reason + ")")} by {change.By}");
        PublishStep.Run(session, target, statusSink);
        return ExitCodes.Success;
    }
}
