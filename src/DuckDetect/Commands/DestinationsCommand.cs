using Cocona;
using DuckDetect.Core;
using DuckDetect.Core.Destinations;

namespace DuckDetect.Commands;

/// <summary><c>destinations add|list|remove|enable|disable|test</c>: where alerts are delivered, kept as history.</summary>
public sealed class DestinationsCommand
{
    [Command("add", Description = "Add a destination (or with --replace, change one): run delivers every alert change to it")]
    public int Add(
        CommonOptions common,
        DestinationOptions options,
        [Argument("name", Description = "The destination's name")] string name,
        [Option("replace", Description = "Change an existing destination (its cursor stays)")] bool replace = false,
        [Option("send-existing", Description = "Send it every alert change already recorded (default: changes from now on)")] bool sendExisting = false,
        [Option("disabled", Description = "Add it disabled (destinations enable NAME starts deliveries)")] bool disabled = false,
        [Option("reason", Description = "Why: kept with this version", ValueName = "TEXT")] string? reason = null,
        [Option("by", Description = "Who changes it (default: the user name)", ValueName = "NAME")] string? by = null)
    {
        using var status = new ConsoleStatusSink(common.Quiet);
        var destination = options.ToNew(name).Validate();
        using var session = common.OpenDatabase();
        var version = session.InTransaction(tx => DestinationStore.Add(session.Connection, destination, replace, !disabled, sendExisting,
            by ?? Environment.UserName, reason, DateTimeOffset.UtcNow, tx));
        status.Info($"destinations: {(version == 1 || !replace ? "added" : "changed")} {destination.Type} destination {destination.Name} "
            + $"(version {version}{(disabled ? ", disabled" : "")}); sends {destination.Filter.Describe()}");
        foreach (var warning in DestinationCheck.UnreadableSecrets(destination.Settings))
        {
            status.Warn($"destinations: {destination.Name}: {warning} here; deliveries read it when they run");
        }
        return ExitCodes.Success;
    }

    [Command("list", Description = "List the destinations with their cursor, lag, last success and last error (with --all, every version)")]
    public int List(
        CommonOptions common,
        [Option("all", Description = "Every version of every destination, removed ones too")] bool all = false,
        [Option("format", Description = "table or json", ValueName = "FORMAT")] string format = "table")
    {
        var json = JsonSections.IsJson(format);
        using var session = common.OpenJobOrAnalystDatabase();
        var configs = DestinationStore.List(session.Connection, all);
        var states = all ? [] : DestinationStore.States(session.Connection);
        DestinationOutput.Write(Console.Out, configs, states, DateTimeOffset.UtcNow, json, history: all);
        return ExitCodes.Success;
    }

    [Command("remove", Description = "Remove a destination (its versions stay in destination_configs as history)")]
    public int Remove(
        CommonOptions common,
        [Argument("name", Description = "The destination's name")] string name,
        [Option("reason", Description = "Why it is removed", ValueName = "TEXT")] string? reason = null,
        [Option("by", Description = "Who decides (default: the user name)", ValueName = "NAME")] string? by = null)
    {
        using var status = new ConsoleStatusSink(common.Quiet);
        using var session = common.OpenExistingDatabase();
        var removed = session.InTransaction(tx => DestinationStore.Remove(session.Connection, name, by ?? Environment.UserName, reason, DateTimeOffset.UtcNow, tx));
        status.Info($"destinations: removed {removed.Type} destination {removed.Destination}");
        return ExitCodes.Success;
    }

    [Command("test", Description = "Send a destination one sample alert (taken back where the receiver keeps it) and print the reply")]
    public int Test(CommonOptions common, [Argument("name", Description = "The destination's name")] string name)
    {
        using var session = common.OpenJobOrAnalystDatabase();
        var config = DestinationStore.Require(session.Connection, name);
        var (outcome, elapsed) = DestinationTest.Run(config, DateTimeOffset.UtcNow);
        Console.Out.WriteLine(outcome.Kind == SendOutcomeKind.Accepted
            ? $"{config.Destination} ({config.Type}, {config.Target}): accepted in {elapsed.TotalSeconds:0.00}s{(outcome.Reply is null ? "" : ": " + outcome.Reply)}"
            : $"{config.Destination} ({config.Type}, {config.Target}): failed in {elapsed.TotalSeconds:0.00}s: {outcome.Message}");
        return outcome.Kind == SendOutcomeKind.Accepted ? ExitCodes.Success : ExitCodes.DeliveryFailed;
    }

    [Command("enable", Description = "Enable a disabled destination: the next run delivers what it missed (unless --skip-pending)")]
    public int Enable(CommonOptions common, [Argument("name", Description = "The destination's name")] string name,
        [Option("skip-pending", Description = "Pass over the changes recorded while it was disabled (a backfill's)")] bool skipPending = false,
        [Option("reason", Description = "Why: kept with this version", ValueName = "TEXT")] string? reason = null, [Option("by", Description = "Who changes it (default: the user name)", ValueName = "NAME")] string? by = null) =>
        SetEnabled(common, name, true, reason, by, skipPending);

    [Command("disable", Description = "Disable a destination: runs skip it, its cursor waits")]
    public int Disable(CommonOptions common, [Argument("name", Description = "The destination's name")] string name,
        [Option("reason", Description = "Why: kept with this version", ValueName = "TEXT")] string? reason = null, [Option("by", Description = "Who changes it (default: the user name)", ValueName = "NAME")] string? by = null) =>
        SetEnabled(common, name, false, reason, by, skipPending: false);

    private static int SetEnabled(CommonOptions common, string name, bool enabled, string? reason, string? by, bool skipPending)
    {
        using var status = new ConsoleStatusSink(common.Quiet);
        using var session = common.OpenExistingDatabase();
        session.InTransaction(tx => DestinationStore.SetEnabled(session.Connection, name, enabled, by ?? Environment.UserName, reason,
            DateTimeOffset.UtcNow, tx, skipPending));
        status.Info($"destinations: {name} {(enabled ? "enabled" : "disabled")}{(skipPending ? ", the changes recorded so far passed over" : "")}");
        return ExitCodes.Success;
    }
}
