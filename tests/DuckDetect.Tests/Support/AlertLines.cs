using System.Text.Json.Nodes;
using DuckDetect.Core.Alerts;

namespace DuckDetect.Tests.Support;

/// <summary>The stored alerts as one output format writes them (ECS, OCSF, NDJSON), one JSON object per line.</summary>
public static class AlertLines
{
    public static List<JsonObject> Read(TempDatabase db, AlertFormat format)
    {
        using var session = db.Open();
        using var text = new StringWriter();
        AlertWriter.Write(text, AlertQuery.Read(session), format);
        return text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
    }
}
