using DuckDetect.Core.Rules;
using static DuckDetect.Tests.Principals.PrincipalAlerts;

namespace DuckDetect.Tests.Principals;

/// <summary>
/// One view per principal (docs/alerts.md): alerts of every rule type in one timeline per principal and account, the
/// combined score, the lookback's edges, triage.
/// </summary>
public sealed class PrincipalViewTests : IDisposable
{
    private readonly PrincipalAlerts _a = new();

    [Fact]
    public void Timeline_EveryRuleTypesAlerts_InTheOrderOfTheirFirstEvent()
    {
        // written out of order: a sequence of event and threshold rules, one of them shared with bob
        var probing = _a.Add(Probing, 120);
        var guardrail = _a.Add(Guardrail, 30);
        var baseline = _a.Add(BaselineBreak, 125);
        var enumeration = _a.Add(Enumeration, 0);
        var shared = _a.Add(CredentialDistributed, 60, shared: [Alice, Bob]);

        var alice = _a.ViewOf(Alice);
        Assert.Equal([enumeration, guardrail, shared, probing, baseline], AlertIds(alice));
        Assert.Equal([1, 2, 3, 4, 5], alice["timeline"]!.AsArray().Select(t => (int)t!["position"]!));
        Assert.Equal([Enumeration.Name, Guardrail.Name, CredentialDistributed.Name, Probing.Name, BaselineBreak.Name],
            alice["rule_names"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(5, (int)alice["rules"]!);
        // the score as the attack unfolded: it never falls while the alerts come within the lookback
        var running = alice["timeline"]!.AsArray().Select(t => (int)t!["running_score"]!).ToList();
        Assert.Equal(running.Order(), running);
        Assert.Equal(Score(alice), running[^1]);
        // what an event rule's alert counted, in words
        Assert.Equal("1 event: InvokeModel; from 203.0.113.7", (string?)alice["timeline"]![0]!["facts"]);

        // the credential-distributed alert is in both principals' views, marked shared
        var bob = _a.ViewOf(Bob);
        Assert.Equal([shared], AlertIds(bob));
        Assert.True((bool)bob["timeline"]![0]!["shared"]!);
        Assert.Equal(2, (int)bob["timeline"]![0]!["principals"]!);
        Assert.Equal(CredentialDistributed.RiskScore, Score(bob));
        // alice's five steps outrank bob's one
        Assert.Equal(Alice, (string?)_a.Views()[0]!["user_arn"]);
    }

    [Fact]
    public void Score_GrowsWithMoreAndRiskierAlerts_AndStaysAtMost100()
    {
        _a.Add(Probing, 0);
        Assert.Equal(47, Score(_a.ViewOf(Alice)));
        // another rule: 1 - (1 - 0.47)(1 - 0.21)
        _a.Add(BaselineBreak, 10);
        Assert.Equal(58, Score(_a.ViewOf(Alice)));
        // the same rule again counts a quarter: 1 - 0.53 x 0.79 x (1 - 0.47 / 4)
        _a.Add(Probing, 20);
        Assert.Equal(63, Score(_a.ViewOf(Alice)));
        // and a third time a sixteenth
        _a.Add(Probing, 30);
        Assert.Equal(64, Score(_a.ViewOf(Alice)));

        // riskier alerts score higher: one high rule's alert against one low rule's
        const string Dave = "arn:aws:iam::111122223333:user/dave";
        _a.Add(Enumeration, 0, principal: Bob);
        _a.Add(BaselineBreak, 0, principal: Dave);
        Assert.Equal(73, Score(_a.ViewOf(Bob)));
        Assert.Equal(21, Score(_a.ViewOf(Dave)));

        // many alerts of every rule, some risk scores out of range: 100 at most, never more
        const string Carol = "arn:aws:iam::111122223333:user/carol";
        foreach (var (rule, i) in RuleCatalog.All.Select((r, i) => (r, i)))
        {
            for (var k = 0; k < 5; k++)
            {
                _a.Add(rule, (i * 5) + k, principal: Carol, risk: k == 4 ? 250 : 73);
            }
        }
        var carol = _a.ViewOf(Carol);
        Assert.Equal(100, Score(carol));
        Assert.All(carol["timeline"]!.AsArray(), t => Assert.InRange((int)t!["running_score"]!, 0, 100));
    }

    [Fact]
    public void Score_ClosedAlertsCountNothing_AcknowledgedOnesStillCount()
    {
        var probing = _a.Add(Probing, 0);
        var baseline = _a.Add(BaselineBreak, 10);
        Assert.Equal(58, Score(_a.ViewOf(Alice)));

        _a.Triage(probing, "closed");
        var view = _a.ViewOf(Alice);
        Assert.Equal(21, Score(view));
        Assert.Equal([probing, baseline], AlertIds(view));
        var closed = view["timeline"]![0]!;
        Assert.Equal("closed", (string?)closed["triage_status"]);
        Assert.False((bool)closed["scored"]!);
        Assert.Equal(1, (int)view["open_alerts"]!);

        _a.Triage(baseline, "acknowledged");
        Assert.Equal(21, Score(_a.ViewOf(Alice)));
        _a.Triage(baseline, "closed");
        view = _a.ViewOf(Alice);
        Assert.Equal(0, Score(view));
        Assert.Null(view["scored_from"]);
    }

    [Fact]
    public void Lookback_AnAlertAWholeLookbackLater_StartsAViewAndLeavesTheLookback()
    {
        // exactly 24 hours apart: two views
        _a.Add(Probing, 0);
        _a.Add(BaselineBreak, 24 * 60);
        var alice = _a.Views().Where(v => (string?)v!["user_arn"] == Alice).ToList();
        Assert.Equal([47, 21], alice.Select(v => Score(v!)));

        // a minute less: one view, scored together
        _a.Add(Probing, 0, principal: Bob);
        _a.Add(BaselineBreak, (24 * 60) - 1, principal: Bob);
        Assert.Equal(58, Score(_a.ViewOf(Bob)));
        // with a lookback of 90 minutes, two again
        Assert.Equal(2, _a.Views(lookbackMinutes: 90).Count(v => (string?)v!["user_arn"] == Bob));

        // within one view (each alert less than a lookback after the one before), the score counts one lookback only:
        // the enumeration alert (high, 73) is exactly 24 h after the probing one, which is outside its lookback
        const string Carol = "arn:aws:iam::111122223333:user/carol";
        _a.Add(Probing, 0, principal: Carol);
        var baseline = _a.Add(BaselineBreak, 1000, principal: Carol);
        var enumeration = _a.Add(Enumeration, 24 * 60, principal: Carol);
        var carol = _a.ViewOf(Carol);
        Assert.Equal(3, (int)carol["alerts"]!);
        Assert.Equal([47, 58, 79], carol["timeline"]!.AsArray().Select(t => (int)t!["running_score"]!));
        Assert.Equal(79, Score(carol));
        Assert.Equal("2026-03-02T16:40:00Z", (string?)carol["scored_from"]);
        Assert.Equal("2026-03-03T00:00:00Z", (string?)carol["scored_until"]);
        Assert.Equal([false, true, true], carol["timeline"]!.AsArray().Select(t => (bool)t!["scored"]!));
        Assert.Contains(baseline, AlertIds(carol));
        Assert.Contains(enumeration, AlertIds(carol));

        // a range keeps the alerts whose window ends in it: the probing alerts (windows ending at 00:50) are left out
        var later = _a.Views(since: Start.AddHours(2)).OfType<System.Text.Json.Nodes.JsonObject>().ToList();
        Assert.DoesNotContain(later.SelectMany(AlertIds), id => id.Contains(Probing.Id[..8], StringComparison.Ordinal));
        Assert.Equal(21, Score(later.Single(v => (string?)v["user_arn"] == Alice)));
    }

    public void Dispose() => _a.Dispose();
}
