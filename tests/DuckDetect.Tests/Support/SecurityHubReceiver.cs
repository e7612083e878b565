using System.Text.Json.Nodes;

namespace DuckDetect.Tests.Support;

/// <summary>
/// AWS Security Hub's REST-JSON API for the two operations a finding provider calls, as the API reference describes
/// them. BatchImportFindings (<c>POST /findings/import</c>, at most 100 findings): each finding needs its required
/// ASFF attributes, else it is listed in FailedFindings (InvalidInput); an existing Id is updated only when UpdatedAt
/// is later, and keeps its Workflow, Note and VerificationState (which only BatchUpdateFindings changes).
/// BatchUpdateFindings (<c>PATCH /findings/batchupdate</c>): Workflow, VerificationState and Note of the identified
/// findings; unknown ones are UnprocessedFindings (FindingNotFound). Every request must carry a valid SigV4 signature
/// (403 InvalidSignatureException otherwise).
/// </summary>
public sealed class SecurityHubReceiver : IDisposable
{
    public const string AccessKey = "AKIAIOSFODNN7EXAMPLE";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";

    private static readonly string[] Required =
        ["AwsAccountId", "CreatedAt", "Description", "GeneratorId", "Id", "ProductArn", "Resources", "SchemaVersion", "Severity", "Title", "Types", "UpdatedAt"];

    public SecurityHubReceiver(string region) => Server = new LocalReceiver(request =>
    {
        if (SigV4Check.Failure(request, AccessKey, SecretKey, region, "securityhub") is { } failure)
        {
            return Error(403, "InvalidSignatureException", failure);
        }
        return (request.Method, request.Path) switch
        {
            ("POST", "/findings/import") => Import(JsonNode.Parse(request.Body)!.AsObject()),
            ("PATCH", "/findings/batchupdate") => Update(JsonNode.Parse(request.Body)!.AsObject()),
            _ => Error(404, "ResourceNotFoundException", "no such operation"),
        };
    });

    public LocalReceiver Server { get; }

    /// <summary>The findings as Security Hub holds them, by Id.</summary>
    public Dictionary<string, JsonObject> Findings { get; } = [];

    public int Imports { get; private set; }

    public static ReceiverReply Error(int status, string code, string message) =>
        new(status, new JsonObject { ["Code"] = code, ["Message"] = message }.ToJsonString(),
            Headers: new Dictionary<string, string> { ["x-amzn-ErrorType"] = code, ["x-amzn-RequestId"] = Guid.NewGuid().ToString() });

    private ReceiverReply Import(JsonObject body)
    {
        var findings = body["Findings"] as JsonArray ?? [];
        if (findings.Count is 0 or > 100)
        {
            return Error(400, "InvalidInputException", "Findings must hold 1 to 100 findings");
        }
        Imports++;
        var failed = new JsonArray();
        foreach (var finding in findings.Select(f => f!.AsObject()))
        {
            var missing = Required.Where(r => finding[r] is null || (finding[r] is JsonArray a && a.Count == 0)).ToList();
            if (missing.Count > 0 || (string?)finding["Severity"]?["Label"] is null)
            {
                failed.Add(new JsonObject { ["Id"] = (string?)finding["Id"], ["ErrorCode"] = "InvalidInput", ["ErrorMessage"] = "missing " + string.Join(", ", missing) });
                continue;
            }
            var id = (string)finding["Id"]!;
            if (Findings.TryGetValue(id, out var existing))
            {
                if (string.CompareOrdinal((string?)finding["UpdatedAt"], (string?)existing["UpdatedAt"]) <= 0)
                {
                    continue;
                }
                foreach (var kept in new[] { "Workflow", "Note", "VerificationState" })
                {
                    finding[kept] = existing[kept]?.DeepClone();
                }
            }
            Findings[id] = (JsonObject)finding.DeepClone();
        }
        return new ReceiverReply(200, new JsonObject
        {
            ["FailedCount"] = failed.Count,
            ["SuccessCount"] = findings.Count - failed.Count,
            ["FailedFindings"] = failed,
        }.ToJsonString());
    }

    private ReceiverReply Update(JsonObject body)
    {
        var processed = new JsonArray();
        var unprocessed = new JsonArray();
        foreach (var identifier in body["FindingIdentifiers"] as JsonArray ?? [])
        {
            if (!Findings.TryGetValue((string?)identifier?["Id"] ?? "", out var finding) || (string?)finding["ProductArn"] != (string?)identifier?["ProductArn"])
            {
                unprocessed.Add(new JsonObject { ["FindingIdentifier"] = identifier!.DeepClone(), ["ErrorCode"] = "FindingNotFound", ["ErrorMessage"] = "Finding Not Found" });
                continue;
            }
            foreach (var field in new[] { "Workflow", "Note", "VerificationState" })
            {
                if (body[field] is { } value)
                {
                    finding[field] = value.DeepClone();
                }
            }
            processed.Add(identifier!.DeepClone());
        }
        return new ReceiverReply(200, new JsonObject { ["ProcessedFindings"] = processed, ["UnprocessedFindings"] = unprocessed }.ToJsonString());
    }

    public void Dispose() => Server.Dispose();
}
