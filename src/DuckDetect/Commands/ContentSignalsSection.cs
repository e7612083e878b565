using System.Globalization;
using System.Text.Json.Nodes;

namespace DuckDetect.Commands;

/// <summary>
/// Explain's content signals for people: the verdict and what it rests on, then each signal of the alert's invocation
/// logs beside the principal and model's 14 days before, an unknown value said as "unknown" (never 0).
/// </summary>
internal static class ContentSignalsSection
{
    public static void Write(TextWriter output, JsonNode? signals)
    {
        output.WriteLine();
        output.WriteLine("content signals: the alert's invocation logs against the principal and model's 14 days before");
        if (signals is not JsonObject s)
        {
            output.WriteLine("  (none: the rule is not a threshold rule, or detect has not computed them yet)");
            return;
        }
        var verdict = JsonSections.Text(s["verdict"]);
        var raised = (bool?)s["severity_raised"] == true ? $" (severity raised one step from the rule's {JsonSections.Text(s["rule_severity"])})" : "";
        output.WriteLine($"  verdict  {verdict}{raised}");
        output.WriteLine($"  bounds crossed  {List(s["probing_criteria"])}; by the baseline: {List(s["baseline_criteria"])}");
        output.WriteLine($"  invocation records  {JsonSections.Text(s["invocations"])} in {JsonSections.Text(s["span_start"])} to {JsonSections.Text(s["span_end"])} " +
                         $"({JsonSections.Text(s["prompts_hashed"])} with a prompt hashed); baseline from {JsonSections.Text(s["baseline_start"])}: " +
                         $"{JsonSections.Text(s["baseline_invocations"])} ({JsonSections.Text(s["baseline_prompts_hashed"])})");
        if ((long?)s["invocations"] == 0)
        {
            output.WriteLine("  no invocation log records of the alert's calls: every signal is unknown");
        }
        var rows = new JsonArray();
        foreach (var row in (s["signals"]?.AsArray() ?? []).OfType<JsonObject>())
        {
            rows.Add((JsonNode)new JsonObject
            {
                ["signal"] = JsonSections.Text(row["signal"]),
                ["alert"] = Value(row["alert"]),
                ["baseline"] = Value(row["baseline"]),
            });
        }
        JsonSections.Columns(output, rows);
        output.WriteLine("  The verdict ranks alerts; it does not show that membership inference happened (docs/invocation-logs.md).");
    }

    private static string Value(JsonNode? value) => value is null ? "unknown"
        : ((double)value).ToString(Math.Abs((double)value % 1) < 1e-9 ? "0" : "0.###", CultureInfo.InvariantCulture);

    private static string List(JsonNode? value) => value is JsonArray list
        ? list.Count == 0 ? "none" : string.Join(", ", list.Select(JsonSections.Text))
        : "unknown (fewer than 20 prompts hashed)";
}
