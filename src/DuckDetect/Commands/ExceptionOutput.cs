using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DuckDetect.Core.Alerts;
using DuckDetect.Core.Exceptions;

namespace DuckDetect.Commands;

/// <summary><c>exceptions list</c> output: a table for people, JSON (one array) for machines.</summary>
internal static class ExceptionOutput
{
    private static readonly string[] Columns = ["id", "rule", "condition", "reason", "expires", "created", "by", "removed"];

    public static void WriteTable(TextWriter output, IReadOnlyList<RuleException> exceptions)
    {
        var rows = exceptions.Select(e => new[]
        {
            e.ExceptionId.ToString(CultureInfo.InvariantCulture), e.RuleId, e.Condition, e.Reason, Time(e.ExpiresAt),
            Time(e.CreatedAt), e.CreatedBy, e.RemovedAt is null ? "" : $"{Time(e.RemovedAt)} by {e.RemovedBy}",
        }).ToList();
        AlertTable.Write(output, Columns, rows, new HashSet<string> { "condition", "reason" }, new HashSet<string> { "id" });
    }

    public static void WriteJson(TextWriter output, IReadOnlyList<RuleException> exceptions)
    {
        var array = new JsonArray(exceptions.Select(e => (JsonNode)new JsonObject
        {
            ["exception_id"] = e.ExceptionId,
            ["rule_id"] = e.RuleId,
            ["field"] = e.Field,
            ["operator"] = e.Operator,
            ["values"] = new JsonArray(e.Values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
            ["reason"] = e.Reason,
            ["expires_at"] = e.ExpiresAt is null ? null : Time(e.ExpiresAt),
            ["created_by"] = e.CreatedBy,
            ["created_at"] = Time(e.CreatedAt),
            ["removed_by"] = e.RemovedBy,
            ["removed_at"] = e.RemovedAt is null ? null : Time(e.RemovedAt),
            ["removed_reason"] = e.RemovedReason,
        }).ToArray());
        output.WriteLine(array.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static string Time(DateTime? t) =>
        t is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : "";
}
