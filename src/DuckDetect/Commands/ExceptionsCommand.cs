using Cocona;
using DuckDetect.Core;
using DuckDetect.Core.Alerts;
using DuckDetect.Core.Detection;
using DuckDetect.Core.Exceptions;
using DuckDetect.Core.Rules;
using DuckDetect.Core.Storage;

namespace DuckDetect.Commands;

/// <summary><c>exceptions add|list|remove</c>: the rules' exceptions, kept as history.</summary>
public sealed class ExceptionsCommand
{
    [Command("add", Description = "Add an exception: candidates whose field's every value matches raise no alert")]
    public int Add(
        CommonOptions common,
        PublishOptions publish,
        [Option("rule", Description = "The rule's id (default: the only rule)", ValueName = "ID")] string? rule,
        [Option("field", Description = "user_arn, account_id, model_id, user_agent, source_ip, access_key_id or identity_type", ValueName = "FIELD")] string field,
        [Option("operator", Description = "is, is-not, matches (a glob) or in-cidr", ValueName = "OPERATOR")] string @operator,
        [Option("value", Description = "A value to compare with (repeat for several)", ValueName = "V")] string[] value,
        [Option("reason", Description = "Why: kept with the exception and named in the reason of the alerts it retracts", ValueName = "TEXT")] string reason,
        [Option("expires", Description = "Applies to windows ending before T", ValueName = "T")] string? expires = null,
        [Option("by", Description = "Who decides (default: the user name)", ValueName = "NAME")] string? by = null,
        [Option("reevaluate-from", Description = "Evaluate the windows ending after T again with the exception (default: it applies to windows evaluated from now on)", ValueName = "T")] string? reevaluateFrom = null)
    {
        using var status = new ConsoleStatusSink(common.Quiet);
        var definition = RuleFor(rule);
        var exception = new NewException
        {
            RuleId = definition.Id,
            Field = field,
            Operator = @operator,
            Values = value,
            Reason = reason,
            ExpiresAt = TimeArgument.Parse(expires, "--expires"),
            By = by ?? Environment.UserName,
        };
        exception.Validate();
        var from = TimeArgument.Parse(reevaluateFrom, "--reevaluate-from");
        var target = publish.TargetFor(common.DatabasePath);
        using var session = common.OpenExistingDatabase(target);
        var (id, rerun) = session.InTransaction(tx =>
        {
            var added = ExceptionStore.Add(session.Connection, exception, DateTimeOffset.UtcNow, tx);
            return (added, from is { } f ? ExceptionReevaluation.Run(session, definition, f, status, tx) : null);
        });
        Console.Out.WriteLine(id);
        status.Info($"exceptions: added exception {id} to rule {definition.Id}{Reevaluated(rerun)}");
        PublishStep.Run(session, target, status);
        return ExitCodes.Success;
    }

    [Command("remove", Description = "Remove an exception (it stays in rule_exceptions as history)")]
    public int Remove(
        CommonOptions common,
        PublishOptions publish,
        [Argument("id", Description = "The exception's id (exceptions list)")] long id,
        [Option("reason", Description = "Why it is removed", ValueName = "TEXT")] string? reason = null,
        [Option("by", Description = "Who decides (default: the user name)", ValueName = "NAME")] string? by = null,
        [Option("reevaluate-from", Description = "Evaluate the windows ending after T again without the exception (default: windows evaluated from now on)", ValueName = "T")] string? reevaluateFrom = null)
    {
        using var status = new ConsoleStatusSink(common.Quiet);
        var from = TimeArgument.Parse(reevaluateFrom, "--reevaluate-from");
        var target = publish.TargetFor(common.DatabasePath);
        using var session = common.OpenExistingDatabase(target);
        var (removed, rerun) = session.InTransaction(tx =>
        {
            var old = ExceptionStore.Remove(session.Connection, id, by ?? Environment.UserName, reason, DateTimeOffset.UtcNow, tx);
            return (old, from is { } f ? ExceptionReevaluation.Run(session, RuleCatalog.Get(old.RuleId), f, status, tx) : null);
        });
        status.Info($"exceptions: removed exception {id} ({removed.Condition}) from rule {removed.RuleId}{Reevaluated(rerun)}");
        PublishStep.Run(session, target, status);
        return ExitCodes.Success;
    }

    [Command("list", Description = "List the exceptions (with --all, the removed ones too)")]
    public int List(
        CommonOptions common,
        [Option("all", Description = "Include removed exceptions")] bool all = false,
        [Option("rule", Description = "Only this rule's", ValueName = "ID")] string? rule = null,
        [Option("format", Description = "table or json", ValueName = "FORMAT")] string format = "table")
    {
        var json = format.ToLowerInvariant() switch
        {
            "json" => true,
            "table" => false,
            _ => throw new DuckDetectException(FailureKind.InvalidArguments, $"unknown --format '{format}'; use table or json"),
        };
        var ruleId = rule is null ? null : RuleCatalog.Get(rule).Id;
        using var session = common.OpenAnalystOrJobDatabase();
        var exceptions = ExceptionStore.List(session.Connection, all, ruleId);
        if (json)
        {
            ExceptionOutput.WriteJson(Console.Out, exceptions);
        }
        else
        {
            ExceptionOutput.WriteTable(Console.Out, exceptions);
        }
        return ExitCodes.Success;
    }

    private static RuleDefinition RuleFor(string? rule)
    {
        if (rule is null && RuleCatalog.All.Count > 1)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments,
                $"give --rule ID; rules: {string.Join(", ", RuleCatalog.All.Select(r => r.Id))}");
        }
        return RuleCatalog.Get(rule);
    }

    private static string Reevaluated(DetectSummary? run) => run is null ? "" :
        $"; re-evaluated {run.WindowsEvaluated:N0} window(s): alerts {run.AlertsNew} new, {run.AlertsUpdated} updated, {run.AlertsRetracted} retracted";
}
