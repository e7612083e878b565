using System.Text.Json.Nodes;
using DuckDetect.Core.Alerts;
using DuckDetect.Core.Triage;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Alerts;

/// <summary>
/// --format ocsf against OCSF 1.1's Detection Finding (the schema's facts written in below), and --format ecs in the
/// shape of Elastic's detection alerts for _bulk.
/// </summary>
public sealed class SiemFormatTests : IDisposable
{
    // OCSF 1.1.0 (ocsf-schema tag v1.1.0): events/findings/detection_finding.json extends finding.json extends
    // base_event.json with includes/classification.json, includes/occurrence.json and profiles/cloud.json.
    private static readonly string[] RequiredTopLevel =
        ["activity_id", "category_uid", "class_uid", "type_uid", "time", "severity_id", "metadata", "finding_info", "cloud"];
    private static readonly int[] FindingActivityIds = [1, 2, 3];            // finding.json activity_id: Create, Update, Close
    private static readonly int[] FindingStatusIds = [0, 1, 2, 3, 4, 99];   // New, In Progress, Suppressed, Resolved (+ Unknown, Other)
    private static readonly int[] SeverityIds = [0, 1, 2, 3, 4, 5, 6, 99];  // dictionary.json severity_id
    private static readonly int[] ObservableTypeIds = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 99];
    private static readonly string[] EvidenceAtLeastOne =                     // objects/evidences.json constraints
        ["actor", "api", "connection_info", "data", "dst_endpoint", "file", "process", "query", "src_endpoint"];

    private readonly DetectionFixture _f = new();

    private static DateTimeOffset T(string iso) => DetectionFixture.At(iso);

    private List<JsonObject> Lines(AlertFormat format) => AlertLines.Read(_f.Db, format);

    private string Probe()
    {
        var events = _f.Burst(300, T("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50));
        events.AddRange(_f.Burst(300, T("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50), e => e["sourceIPAddress"] = "203.0.113.9"));
        _f.Ingest(events);
        _f.Detect(null, "2026-03-02T04:00:00Z");
        return _f.Alerts().Single().AlertId;
    }

    private void Triage(string id, string status, string? reason = null)
    {
        using var session = _f.Db.Open();
        session.InTransaction(tx => TriageStore.Record(session.Connection,
            new TriageChange { AlertIds = [id], Status = status, Reason = reason, By = "analyst" }, DateTimeOffset.UtcNow, tx));
    }

    [Fact]
    public void Ocsf_EachAlert_IsADetectionFindingWithTheRequiredAttributes()
    {
        var id = Probe();
        Triage(id, "acknowledged");

        var finding = Assert.Single(Lines(AlertFormat.Ocsf));

        foreach (var name in RequiredTopLevel)
        {
            Assert.True(finding[name] is not null, $"required attribute {name} is missing");
        }
        Assert.Equal(2004, (int)finding["class_uid"]!);
        Assert.Equal(2, (int)finding["category_uid"]!);
        Assert.Contains((int)finding["activity_id"]!, FindingActivityIds);
        Assert.Equal(2004 * 100 + (int)finding["activity_id"]!, (int)finding["type_uid"]!);
        Assert.Contains((int)finding["severity_id"]!, SeverityIds);
        Assert.Equal(3, (int)finding["severity_id"]!); // medium
        Assert.Contains((int)finding["status_id"]!, FindingStatusIds);
        Assert.Equal((2, "In Progress"), ((int)finding["status_id"]!, (string?)finding["status"]));
        // The opening window's start to the last folded window's end.
        Assert.Equal(T("2026-03-02T00:50:00Z").ToUnixTimeMilliseconds(), (long)finding["start_time"]!);
        Assert.Equal(T("2026-03-02T02:00:00Z").ToUnixTimeMilliseconds(), (long)finding["end_time"]!);
        // metadata: product (vendor_name required) and version; finding_info: uid and title; analytic: type_id.
        Assert.Equal("1.1.0", (string?)finding["metadata"]!["version"]);
        Assert.False(string.IsNullOrEmpty((string?)finding["metadata"]!["product"]!["vendor_name"]));
        Assert.Equal(id, (string?)finding["finding_info"]!["uid"]);
        Assert.False(string.IsNullOrEmpty((string?)finding["finding_info"]!["title"]));
        Assert.Equal(1, (int)finding["finding_info"]!["analytic"]!["type_id"]!);
        Assert.Equal("AWS", (string?)finding["cloud"]!["provider"]);
        Assert.Equal(DetectionFixture.Account, (string?)finding["cloud"]!["account"]!["uid"]);
        // observables: name and type_id required; the principal, the model and both IPs.
        var observables = finding["observables"]!.AsArray().Select(o => o!.AsObject()).ToList();
        Assert.All(observables, o => Assert.Contains((int)o["type_id"]!, ObservableTypeIds));
        Assert.All(observables, o => Assert.False(string.IsNullOrEmpty((string?)o["name"])));
        Assert.Equal(["198.51.100.7", "203.0.113.9"], observables.Where(o => (int)o["type_id"]! == 2).Select(o => (string?)o["value"]).Order());
        Assert.Contains(observables, o => (string?)o["value"] == DetectionFixture.Arn);
        Assert.Contains(observables, o => (string?)o["value"] == DetectionFixture.Model);
        // evidences: at least one of their objects each; api.operation required; user: one of account, name, uid.
        var evidences = finding["evidences"]!.AsArray().Select(e => e!.AsObject()).ToList();
        Assert.Equal(2, evidences.Count);
        Assert.All(evidences, e => Assert.Contains(EvidenceAtLeastOne, k => e[k] is not null));
        Assert.All(evidences, e => Assert.Equal("InvokeModel", (string?)e["api"]!["operation"]));
        Assert.All(evidences, e => Assert.Equal(DetectionFixture.Arn, (string?)e["actor"]!["user"]!["uid"]));
        Assert.DoesNotContain("null", finding.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("open", null, 1)]
    [InlineData("closed", "true_positive", 4)]
    public void Ocsf_Status_FollowsTriage(string status, string? reason, int statusId)
    {
        var id = Probe();
        Triage(id, status, reason);

        Assert.Equal(statusId, (int)Lines(AlertFormat.Ocsf).Single()["status_id"]!);
    }

    [Fact]
    public void Ecs_EachAlert_IsABulkIndexActionThenAnElasticDetectionAlert()
    {
        var id = Probe();
        Triage(id, "closed", "benign");

        var lines = Lines(AlertFormat.Ecs);

        Assert.Equal(2, lines.Count);
        Assert.Equal(id, (string?)lines[0]["index"]!["_id"]);
        var doc = lines[1];
        Assert.Equal("signal", (string?)doc["event.kind"]);
        Assert.Equal("closed", (string?)doc["kibana.alert.workflow_status"]);
        Assert.Equal(_f.Rule.Id, (string?)doc["kibana.alert.rule.uuid"]);
        Assert.Equal(_f.Rule.Id, (string?)doc["kibana.alert.rule.rule_id"]);
        Assert.Equal(_f.Rule.Name, (string?)doc["kibana.alert.rule.name"]);
        Assert.Equal("medium", (string?)doc["kibana.alert.severity"]);
        Assert.Equal(47, (int)doc["kibana.alert.risk_score"]!);
        Assert.Equal("2026-03-02T01:50:00Z", (string?)doc["kibana.alert.original_time"]);
        Assert.NotNull(doc["kibana.alert.start"]);
        var terms = doc["kibana.alert.suppression.terms"]!.AsArray();
        Assert.Equal("aws.cloudtrail.user_identity.arn", (string?)terms[0]!["field"]);
        Assert.Equal(DetectionFixture.Arn, (string?)terms[0]!["value"]![0]);
        Assert.Equal("cloud.account.id", (string?)terms[1]!["field"]);
        Assert.Equal("2026-03-02T01:50:00Z", (string?)doc["kibana.alert.suppression.start"]);
        Assert.Equal("2026-03-02T02:00:00Z", (string?)doc["kibana.alert.suppression.end"]);
        Assert.Equal(1, (int)doc["kibana.alert.suppression.docs_count"]!);
        Assert.Equal(600, (int)doc["Esql.inference_call_count"]!);
        Assert.Equal(DetectionFixture.Model, (string?)doc["Esql.model_id"]);
        Assert.Equal(2, doc["Esql.source_ip_values"]!.AsArray().Count);
    }

    [Fact]
    public void Ecs_ColumnsOfTheNewerRules_GoOutUnderEsql()
    {
        var alert = new JsonObject
        {
            ["alert_id"] = "a", ["rule_id"] = "r", ["user_arn"] = null, ["source_ip"] = "198.51.100.7",
            ["user_arns"] = new JsonArray("arn:1", "arn:2"), ["baseline_ratio"] = 12.5, ["active_hours"] = null,
        };

        var doc = EcsAlert.Document(alert);

        Assert.Equal("198.51.100.7", (string?)doc["Esql.source_ip"]);
        Assert.Equal(2, doc["Esql.user_arns"]!.AsArray().Count);
        Assert.Equal(12.5, (double)doc["Esql.baseline_ratio"]!);
        Assert.False(doc.ContainsKey("Esql.active_hours"));
        Assert.False(doc.ContainsKey("Esql.alert_id"));
    }

    [Theory]
    [InlineData(AlertFormat.Ecs)]
    [InlineData(AlertFormat.Ocsf)]
    public void Consumer_InEcsOrOcsf_SendsEachChangeOnceAndARetractionAsSuch(AlertFormat format)
    {
        var id = Probe();
        var first = Deliver(format);
        var again = Deliver(format);
        _f.AddException("user_arn", "is", [DetectionFixture.Arn], reason: "load test");
        using (var session = _f.Db.Open())
        {
            session.InTransaction(tx => Core.Exceptions.ExceptionReevaluation.Run(session, _f.Rule, T("2026-03-02T00:00:00Z"), Core.NullStatusSink.Instance, tx));
        }
        var retraction = Deliver(format);

        Assert.Equal(format == AlertFormat.Ecs ? 2 : 1, first.Count);
        Assert.Empty(again);
        var record = retraction[^1];
        if (format == AlertFormat.Ecs)
        {
            Assert.Equal(id, (string?)retraction[0]["index"]!["_id"]);
            Assert.Equal("untracked", (string?)record["kibana.alert.status"]);
            Assert.Equal("retracted", (string?)record["duckdetect.change"]);
            Assert.StartsWith("exception 1 ", (string?)record["duckdetect.retraction_reason"], StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal((3, 200403, 99), ((int)record["activity_id"]!, (int)record["type_uid"]!, (int)record["status_id"]!));
            Assert.Equal(id + "/2", (string?)record["metadata"]!["uid"]);
        }
    }

    private List<JsonObject> Deliver(AlertFormat format)
    {
        using var session = _f.Db.Open();
        using var output = new MemoryStream();
        Core.Delivery.AlertDelivery.Deliver(session, "siem", format, output);
        return System.Text.Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
    }

    public void Dispose() => _f.Dispose();
}
