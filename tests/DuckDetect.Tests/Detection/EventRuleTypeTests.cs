using Dapper;
using DuckDetect.Core.Rules;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Detection;

/// <summary>
/// The event rule types, each on one of Elastic's rules: a single-event match (guardrail deleted or weakened), new
/// terms (a Bedrock resource policy changed by a principal not seen doing it in 7 days), and a two-step sequence (model
/// enumeration, then an invocation, by one long-term access key within 15 minutes). Each fires on its case and not
/// on the near miss, and suppression folds a principal's further hits into its alert.
/// </summary>
public sealed class EventRuleTypeTests : IDisposable
{
    private const string Guardrail = "cdf7b922-909c-440c-8df0-0efe72aa7bea";
    private const string Policy = "de0e9ed8-b68f-4249-957a-2c2bbdbd1c1b";
    private const string Recon = "a17f2e5f-de52-49e8-9d86-ccfe91cd54d4";
    private const string Model = "anthropic.claude-3-haiku-20240307-v1:0";

    private readonly DetectionFixture _f = new();

    private List<(string Rule, string? Arn, string? Key, string WindowEnd, long Events, long Suppressed, string? Terms)> Alerts() =>
        _f.Db.Query<(string, string?, string?, DateTime, long, long, string?)>(
                """
                SELECT rule_id, user_arn, access_key_id, window_end, event_count, suppressed_count, array_to_string(new_terms, ',')
                FROM alerts ORDER BY rule_id, window_end, user_arn
                """)
            .Select(a => (a.Item1, a.Item2, a.Item3, a.Item4.ToString("MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), a.Item5, a.Item6, a.Item7))
            .ToList();

    private void Run(string ruleId, string to, params Dictionary<string, object?>[] events)
    {
        _f.Ingest(events);
        _f.DetectAll(null, DetectionFixture.At(to), [RuleCatalog.Get(ruleId)]);
    }

    [Fact]
    public void Match_GuardrailDeletedOrWeakened_EachSuccessfulChangeCountsAndAPrincipalsHourFoldsIntoOneAlert()
    {
        Run(Guardrail, "2026-03-02T04:00:00Z",
            ApiCall.At("2026-03-02T01:03:00Z", "DeleteGuardrail"),
            ApiCall.At("2026-03-02T01:35:00Z", "UpdateGuardrail"),
            ApiCall.At("2026-03-02T01:05:00Z", "PutEnforcedGuardrailConfiguration", arn: EventShape.User("admin")),
            // near misses: denied, another action, another service
            ApiCall.At("2026-03-02T02:00:00Z", "DeleteGuardrail", arn: EventShape.User("denied"), error: "AccessDeniedException"),
            ApiCall.At("2026-03-02T02:00:00Z", "GetGuardrail", arn: EventShape.User("reader")),
            ApiCall.At("2026-03-02T02:00:00Z", "DeleteGuardrail", arn: EventShape.User("other-service"), source: "ec2.amazonaws.com"));

        Assert.Equal(
        [
            (Guardrail, EventShape.User("admin"), null, "03-02 01:10", 1L, 0L, null),
            (Guardrail, DetectionFixture.Arn, null, "03-02 01:10", 1L, 1L, null),
        ], Alerts().Select(a => a with { Key = null }));
        Assert.Equal(["DeleteGuardrail"], _f.Db.Query<string>("SELECT unnest(event_actions) FROM alerts WHERE user_arn = $arn", new { arn = DetectionFixture.Arn }));
        // Its evidence is the events it counted, both of them.
        Assert.Equal(2, _f.Db.Scalar<long>("SELECT count(*) FROM alert_events WHERE user_arn = $arn", new { arn = DetectionFixture.Arn }));
    }

    [Fact]
    public void NewTerms_PolicyChangedByAPrincipalNotSeenDoingItIn7Days_AlertsThenStaysQuietUntilItAgesOut()
    {
        Run(Policy, "2026-03-20T00:00:00Z",
            ApiCall.At("2026-03-02T10:00:00Z", "PutResourcePolicy"),
            ApiCall.At("2026-03-02T10:02:00Z", "DeleteResourcePolicy"),   // the same principal, same window: not new
            ApiCall.At("2026-03-05T09:00:00Z", "PutResourcePolicy"),      // seen 3 days before: not new
            ApiCall.At("2026-03-13T09:00:01Z", "PutResourcePolicy"),      // 8 days after the last: new again
            ApiCall.At("2026-03-05T12:00:00Z", "PutResourcePolicy", arn: EventShape.User("admin")),
            ApiCall.At("2026-03-06T12:00:00Z", "PutResourcePolicy", arn: EventShape.User("denied"), error: "AccessDenied"));

        Assert.Equal(
        [
            (Policy, EventShape.User("admin"), null, "03-05 12:10", 1L, 0L, EventShape.User("admin")),
            (Policy, DetectionFixture.Arn, null, "03-02 10:10", 1L, 0L, DetectionFixture.Arn),
            (Policy, DetectionFixture.Arn, null, "03-13 09:10", 1L, 0L, DetectionFixture.Arn),
        ], Alerts().Select(a => a with { Key = null }).OrderBy(a => a.Arn).ThenBy(a => a.WindowEnd));
    }

    [Fact]
    public void NewTerms_LateHistory_RetractsTheAlertItNoLongerSupports()
    {
        Run(Policy, "2026-03-10T00:00:00Z", ApiCall.At("2026-03-05T09:00:00Z", "PutResourcePolicy"));
        Assert.Single(Alerts());

        // A delivery file of 3 days before arrives late: the principal changed policies then, so the 5th is not new.
        _f.Ingest([ApiCall.At("2026-03-02T09:00:00Z", "PutResourcePolicy")]);
        var run = _f.DetectAll(null, DetectionFixture.At("2026-03-10T00:00:00Z"), [RuleCatalog.Get(Policy)]);

        Assert.Equal(1, run[0].AlertsRetracted);
        Assert.Equal([(Policy, DetectionFixture.Arn, null, "03-02 09:10", 1L, 0L, DetectionFixture.Arn)], Alerts().Select(a => a with { Key = null }));
        Assert.Equal(1, _f.Db.Scalar<long>("SELECT count(*) FROM retracted_alerts"));
    }

    [Fact]
    public void Sequence_EnumerationThenInvocationByOneLongTermKeyWithin15Minutes_Fires()
    {
        const string User = "arn:aws:iam::111122223333:user/stolen";
        Run(Recon, "2026-03-02T06:00:00Z",
            ApiCall.At("2026-03-02T01:00:00Z", "ListFoundationModels", arn: User, key: "AKIASTOLEN"),
            ApiCall.Invoke("2026-03-02T01:12:00Z", Model, arn: User, key: "AKIASTOLEN"),
            ApiCall.Invoke("2026-03-02T01:14:00Z", Model, arn: User, key: "AKIASTOLEN"),
            // near misses: a role's short-lived key; 20 minutes apart; the invocation first; another key's invocation
            ApiCall.At("2026-03-02T02:00:00Z", "ListFoundationModels", key: "ASIAROLE"),
            ApiCall.Invoke("2026-03-02T02:05:00Z", Model, key: "ASIAROLE"),
            ApiCall.At("2026-03-02T03:00:00Z", "ListFoundationModels", arn: User, key: "AKIASLOW"),
            ApiCall.Invoke("2026-03-02T03:20:00Z", Model, arn: User, key: "AKIASLOW"),
            ApiCall.Invoke("2026-03-02T04:00:00Z", Model, arn: User, key: "AKIAREVERSED"),
            ApiCall.At("2026-03-02T04:05:00Z", "ListFoundationModels", arn: User, key: "AKIAREVERSED"),
            ApiCall.At("2026-03-02T05:00:00Z", "ListFoundationModels", arn: User, key: "AKIAONE"),
            ApiCall.Invoke("2026-03-02T05:05:00Z", Model, arn: User, key: "AKIATWO"));

        Assert.Equal([(Recon, User, "AKIASTOLEN", "03-02 01:20", 2L, 0L, null)], Alerts());
        Assert.Equal([Model], _f.Db.Query<string>("SELECT unnest(model_ids) FROM alerts"));
        // Its evidence holds both steps: the enumeration and the invocations.
        Assert.Equal(["InvokeModel", "InvokeModel", "ListFoundationModels"],
            _f.Db.Query<string>("SELECT event_name FROM alert_events ORDER BY event_name"));
    }

    [Fact]
    public void EventRules_WithEveryOtherRule_RaiseTheSameAlertsAsAlone()
    {
        var events = new[]
        {
            ApiCall.At("2026-03-02T01:03:00Z", "DeleteGuardrail"),
            ApiCall.At("2026-03-02T01:05:00Z", "PutResourcePolicy"),
            ApiCall.At("2026-03-02T01:00:00Z", "ListFoundationModels", arn: EventShape.User("k"), key: "AKIAK"),
            ApiCall.Invoke("2026-03-02T01:02:00Z", Model, arn: EventShape.User("k"), key: "AKIAK"),
        };
        _f.Ingest(events);
        _f.DetectAll(null, DetectionFixture.At("2026-03-02T03:00:00Z"));
        var together = _f.AlertFingerprints();

        foreach (var rule in new[] { Guardrail, Policy, Recon })
        {
            using var alone = new DetectionFixture();
            alone.Ingest(events);
            alone.DetectAll(null, DetectionFixture.At("2026-03-02T03:00:00Z"), [RuleCatalog.Get(rule)]);
            var own = alone.AlertFingerprints();
            Assert.Single(own);
            Assert.Equal(together.Where(a => a.Contains(rule, StringComparison.Ordinal)), own);
        }
    }

    public void Dispose() => _f.Dispose();
}
