using System.Text.Json.Nodes;

namespace DuckDetect.Core.Destinations.Receivers;

/// <summary>
/// Triage as Security Hub's workflow: open → NEW, acknowledged → NOTIFIED, closed → RESOLVED (SUPPRESSED when closed
/// as false_positive, benign or duplicate); the reason as the verification state; who and why as the note. Sent with
/// BatchUpdateFindings, which findings' owners use for their investigation (BatchImportFindings cannot change it).
/// </summary>
public static class SecurityHubWorkflow
{
    public static string Status(string? triage, string? reason) => triage switch
    {
        "acknowledged" => "NOTIFIED",
        "closed" when reason is "false_positive" or "benign" or "duplicate" => "SUPPRESSED",
        "closed" => "RESOLVED",
        _ => "NEW",
    };

    public static string? Verification(string? reason) => reason switch
    {
        "true_positive" => "TRUE_POSITIVE",
        "false_positive" => "FALSE_POSITIVE",
        "benign" => "BENIGN_POSITIVE",
        _ => null,
    };

    /// <summary>The BatchUpdateFindings body for triage changes that set the same workflow, verification and note.</summary>
    public static JsonObject Update(IReadOnlyList<TriageRecord> records, string productArn)
    {
        var first = records[0];
        var update = new JsonObject
        {
            ["FindingIdentifiers"] = new JsonArray(records.Select(r => (JsonNode)new JsonObject
            {
                ["Id"] = (string?)r.Alert["alert_id"],
                ["ProductArn"] = productArn,
            }).ToArray()),
            ["Workflow"] = new JsonObject { ["Status"] = Status(first.Status, first.Reason) },
        };
        if (Verification(first.Reason) is { } verification)
        {
            update["VerificationState"] = verification;
        }
        update["Note"] = new JsonObject { ["Text"] = Note(first), ["UpdatedBy"] = Cut(first.TriagedBy ?? "duckdetect", 128) };
        return update;
    }

    /// <summary>What one BatchUpdateFindings call may carry for several findings: the same workflow, verification and note.</summary>
    public static string GroupKey(TriageRecord record) => $"{Status(record.Status, record.Reason)}|{record.Reason}|{Note(record)}|{record.TriagedBy}";

    private static string Note(TriageRecord r) =>
        Cut($"DuckDetect triage: {r.Status}{(r.Reason is null ? "" : " (" + r.Reason + ")")} by {r.TriagedBy ?? "?"}{(r.Note is null ? "" : ": " + r.Note)}", 512);

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
