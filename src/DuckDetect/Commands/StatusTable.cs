using System.Text.Json.Nodes;

namespace DuckDetect.Commands;

/// <summary>The status report for people: one section per part, one "name  value" line per fact.</summary>
internal static class StatusTable
{
    public static void Write(TextWriter output, JsonObject report)
    {
        output.WriteLine($"status at {Text(report["now"])}, from the {Text(report["source"])}");
        Section(output, "events", report["events"]);
        Section(output, "last ingest", report["last_ingest"]);
        foreach (var run in report["last_detect"]?.AsArray() ?? [])
        {
            Section(output, "last detect", run);
        }
        foreach (var rule in report["rules"]?.AsArray() ?? [])
        {
            Section(output, "rule", rule);
        }
        Section(output, "failed files", report["failed_files"]);
        Section(output, "alerts", report["alerts"]);
        Section(output, "exceptions", report["exceptions"]);
        foreach (var consumer in report["consumers"]?.AsArray() ?? [])
        {
            Section(output, "consumer", consumer);
        }
        foreach (var source in report["s3_sources"]?.AsArray() ?? [])
        {
            Section(output, "s3 source", source);
        }
        Section(output, "database", report["database"]);
        Section(output, "analyst database", report["published"]);
    }

    private static void Section(TextWriter output, string title, JsonNode? node) =>
        JsonSections.Section(output, title, node is JsonObject ? node : null);

    private static string Text(JsonNode? node) => JsonSections.Text(node);
}
