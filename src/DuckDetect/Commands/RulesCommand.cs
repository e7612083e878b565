using System.Text.Json;
using System.Text.Json.Nodes;
using Cocona;
using DuckDetect.Core;
using DuckDetect.Core.Alerts;
using DuckDetect.Core.Rules;
using DuckDetect.Core.Storage;

namespace DuckDetect.Commands;

/// <summary><c>duckdetect rules</c>: the rules compiled in with their settings and state; <c>disable|enable ID</c>.</summary>
public sealed class RulesCommand
{
    private static readonly string[] Columns = ["rule_id", "name", "type", "severity", "risk_score", "settings", "enabled"];

    [PrimaryCommand]
    [Command(Description = "List the rules: id, name, severity, settings and whether detect evaluates them")]
    public int List(
        CommonOptions common,
        [Option("format", Description = "table, json, or markdown (the catalogue of docs/rules.md)", ValueName = "FORMAT")] string format = "table")
    {
        var json = format.ToLowerInvariant() switch
        {
            "json" => true,
            "table" or "markdown" => false,
            _ => throw new DuckDetectException(FailureKind.InvalidArguments, $"unknown --format '{format}'; use table, json or markdown"),
        };
        if (format.Equals("markdown", StringComparison.OrdinalIgnoreCase))
        {
            // the catalogue of the rules compiled in: no database needed
            Console.Out.Write(CatalogueTable.Markdown(RuleCatalog.All));
            return ExitCodes.Success;
        }
        var disabled = ReadDisabled(common);
        var rows = RuleCatalog.All.Select(r => new JsonObject
        {
            ["rule_id"] = r.Id,
            ["name"] = r.Name,
            ["type"] = r.Type,
            ["severity"] = r.Severity,
            ["risk_score"] = r.RiskScore,
            ["settings"] = new JsonObject(r.Settings.Names.Select(n => KeyValuePair.Create(n, (JsonNode?)JsonValue.Create(r.Settings.Get(n))))),
            ["enabled"] = !disabled.Contains(r.Id),
        }).ToList();
        if (json)
        {
            Console.Out.WriteLine(new JsonArray(rows.ToArray<JsonNode?>()).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        else
        {
            var cells = rows.Select(r => Columns.Select(c => c == "settings"
                ? string.Join(' ', r[c]!.AsObject().Select(p => $"{p.Key}={p.Value}"))
                : r[c]!.ToString()).ToArray()).ToList();
            AlertTable.Write(Console.Out, Columns, cells, new HashSet<string> { "name", "settings" }, new HashSet<string> { "risk_score" });
        }
        return ExitCodes.Success;
    }

    [Command("disable", Description = "Stop evaluating a rule (its alerts stay)")]
    public int Disable(CommonOptions common, [Argument("id", Description = "The rule's id")] string id) => Set(common, id, enabled: false);

    [Command("enable", Description = "Evaluate a disabled rule again, from where it stopped")]
    public int Enable(CommonOptions common, [Argument("id", Description = "The rule's id")] string id) => Set(common, id, enabled: true);

    private static int Set(CommonOptions common, string id, bool enabled)
    {
        var rule = RuleCatalog.Get(id);
        using var session = common.OpenExistingDatabase();
        var changed = RuleStatus.Set(session, rule.Id, enabled, DateTimeOffset.UtcNow);
        if (!common.Quiet)
        {
            Console.Error.WriteLine($"rules: {rule.Id} ({rule.Name}) {(enabled ? "enabled" : "disabled")}{(changed ? "" : " already")}");
        }
        return ExitCodes.Success;
    }

    /// <summary>The disabled rules of the database.</summary>
    private static IReadOnlySet<string> ReadDisabled(CommonOptions common)
    {
        common.RequireDatabase();
        using var session = common.OpenDatabase(readOnly: true);
        return SchemaMigrator.CheckVersion(session.Connection, common.DatabasePath) >= 8
            ? RuleStatus.Disabled(session.Connection)
            : new HashSet<string>();
    }
}
