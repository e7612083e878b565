using System.Text.Json.Nodes;
using Dapper;
using DuckDetect.Core.Principals;
using DuckDetect.Core.Rules;
using DuckDetect.Core.Triage;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Principals;

/// <summary>
/// A throwaway database with alerts written by hand (any rule, any principal, any time), and its principal views as
/// <c>alerts --by-principal --format json</c> gives them.
/// </summary>
public sealed class PrincipalAlerts : IDisposable
{
    public const string Alice = "arn:aws:iam::111122223333:user/alice";
    public const string Bob = "arn:aws:iam::111122223333:user/bob";
    public const string Account = "111122223333";

    public static readonly RuleDefinition Probing = RuleCatalog.Get("56312ef5-656c-4bf7-ad9a-affed052b102");
    public static readonly RuleDefinition BaselineBreak = RuleCatalog.Get("1934bd11-f476-48cd-a252-1ccf6ad54042");
    public static readonly RuleDefinition CredentialDistributed = RuleCatalog.Get("ad077b94-32a3-470b-82cf-05975564baa9");
    public static readonly RuleDefinition Guardrail = RuleCatalog.Get("cdf7b922-909c-440c-8df0-0efe72aa7bea");
    public static readonly RuleDefinition Enumeration = RuleCatalog.Get("39c99811-f291-486f-908f-9fabbd942084");

    public static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-03-02T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    public TempDatabase Db { get; } = new();

    /// <summary>
    /// An alert of <paramref name="rule"/> whose first counted event is <paramref name="minutes"/> after
    /// <see cref="Start"/>, of <paramref name="principal"/> (or, with <paramref name="shared"/>, of those principals
    /// and no user_arn, as a credential-distributed alert is), with the rule's risk score unless given; its change
    /// recorded as detect records it.
    /// </summary>
    public string Add(RuleDefinition rule, double minutes, string? principal = Alice, string[]? shared = null, int? risk = null, string? id = null)
    {
        id ??= $"a{Count++:000}-{rule.Id[..8]}";
        var first = Start.AddMinutes(minutes).UtcDateTime;
        using var session = Db.Open();
        session.Connection.Execute(
            """
            INSERT INTO alerts BY NAME
            SELECT $id AS alert_id, $rule_id AS rule_id, $rule_name AS rule_name, $severity AS severity, $risk AS risk_score,
                   $first::TIMESTAMPTZ - INTERVAL 10 MINUTE AS window_start, $first::TIMESTAMPTZ + INTERVAL 50 MINUTE AS window_end,
                   $principal AS user_arn, $account AS account_id,
                   CASE WHEN $threshold THEN 'anthropic.claude-3-haiku-20240307-v1:0' END AS model_id,
                   CASE WHEN $threshold THEN 600 END AS inference_call_count,
                   CASE WHEN $threshold THEN NULL ELSE 1 END AS event_count,
                   ['InvokeModel'] AS event_actions, ['203.0.113.7'] AS source_ips, [] AS user_agents, [] AS identity_types,
                   [] AS access_key_ids, [] AS regions, [] AS source_as_orgs,
                   $first::TIMESTAMPTZ AS first_seen, $first::TIMESTAMPTZ + INTERVAL 20 MINUTE AS last_seen,
                   $first::TIMESTAMPTZ + INTERVAL 50 MINUTE AS suppression_start, $first::TIMESTAMPTZ + INTERVAL 50 MINUTE AS suppression_end,
                   0 AS suppressed_count, now() AS created_at, now() AS updated_at,
                   CASE WHEN $shared <> '' THEN '203.0.113.7' END AS source_ip,
                   CASE WHEN $shared <> '' THEN string_split($shared, ',') END AS user_arns;
            INSERT INTO alert_changes
            SELECT coalesce((SELECT max(change_seq) FROM alert_changes), 0) + 1, $id, $rule_id, 1, 'created', now(), NULL
            """,
            new
            {
                id,
                rule_id = rule.Id,
                rule_name = rule.Name,
                severity = rule.Severity,
                risk = risk ?? rule.RiskScore,
                first,
                principal = shared is null ? principal : null,
                account = Account,
                threshold = rule.IsThreshold,
                shared = string.Join(',', shared ?? []),
            });
        return id;
    }

    private int Count { get; set; }

    public void Triage(string alertId, string status)
    {
        using var session = Db.Open();
        session.InTransaction(tx => TriageStore.Record(session.Connection,
            new TriageChange { AlertIds = [alertId], Status = status, Reason = "benign", By = "analyst" }, DateTimeOffset.UtcNow, tx));
    }

    /// <summary>The views (highest score first), each with its timeline.</summary>
    public JsonArray Views(int lookbackMinutes = PrincipalLookback.DefaultMinutes, DateTimeOffset? since = null, DateTimeOffset? until = null)
    {
        using var session = Db.Open();
        PrincipalViews.BuildAll(session.Connection, lookbackMinutes, since, until);
        return PrincipalViews.List(session.Connection)["views"]!.AsArray();
    }

    /// <summary>The only view of <paramref name="principal"/>.</summary>
    public JsonObject ViewOf(string principal, int lookbackMinutes = PrincipalLookback.DefaultMinutes) =>
        Views(lookbackMinutes).OfType<JsonObject>().Single(v => (string?)v["user_arn"] == principal);

    public static int Score(JsonNode view) => (int)view["score"]!;

    public static List<string> AlertIds(JsonNode view) => view["timeline"]!.AsArray().Select(t => (string)t!["alert_id"]!).ToList();

    public void Dispose() => Db.Dispose();
}
