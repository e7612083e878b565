using Cocona;
using DuckDetect.Core;
using DuckDetect.Core.Rules;

namespace DuckDetect.Commands;

public sealed class SqlCommand
{
    [Command("sql", Description = "Print the rule's SQL with its settings, ready to run in the duckdb CLI")]
    public int Sql(
        CommonOptions common,
        [Option("from", Description = "Windows ending after T (default: the first event)", ValueName = "T")] string? from = null,
        [Option("to", Description = "Windows ending at or before T (default: now)", ValueName = "T")] string? to = null,
        [Option("rule", Description = "The rule's id (default: the first rule)", ValueName = "ID")] string? rule = null)
    {
        // The script names no file, but a mistyped --db is refused as by every command that reads.
        common.RequireDatabase();
        var definition = RuleCatalog.Get(rule);
        Console.Out.Write(RuleScript.Render(definition, definition.Settings, TimeArgument.Parse(from, "--from"), TimeArgument.Parse(to, "--to")));
        return ExitCodes.Success;
    }
}
