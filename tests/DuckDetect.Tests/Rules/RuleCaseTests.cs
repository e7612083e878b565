using DuckDetect.Core.Rules;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Rules;

/// <summary>
/// Every rule's own cases (the <c>cases</c> of its definition): it fires on each firing case and stays silent on each
/// near miss, alone and with every other rule enabled; and every event rule has both kinds.
/// </summary>
public sealed class RuleCaseTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var rule in RuleCatalog.All)
        {
            foreach (var c in rule.Cases ?? [])
            {
                data.Add(rule.Id, c.Name);
            }
        }
        return data;
    }

    [Fact]
    public void EveryEventRule_HasAFiringCaseAndANearMiss() =>
        Assert.All(RuleCatalog.All.Where(r => !r.IsThreshold), rule =>
        {
            Assert.Contains(rule.Cases ?? [], c => c.Fires);
            Assert.Contains(rule.Cases ?? [], c => !c.Fires);
        });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rule_OnItsCase_FiresOrNotAsTheCaseSays(string ruleId, string caseName)
    {
        var rule = RuleCatalog.Get(ruleId);
        var @case = (rule.Cases ?? []).Single(c => c.Name == caseName);
        var events = RuleCaseRecords.Of(@case, "case");
        var invocations = RuleCaseRecords.Invocations(@case, "case");
        var to = RuleCaseRecords.Last(@case).AddDays(1);

        using var alone = new DetectionFixture();
        using var together = new DetectionFixture();
        foreach (var fixture in new[] { alone, together })
        {
            if (invocations is not null)
            {
                fixture.IngestInvocations(invocations);
            }
            if (events.Count > 0)
            {
                fixture.Ingest(events);
            }
        }
        alone.DetectAll(null, to, [rule]);
        together.DetectAll(null, to);

        var own = alone.AlertFingerprints();
        Assert.True(@case.Fires == (own.Count > 0), $"{rule.Name}, case '{caseName}': {own.Count} alert(s)");
        Assert.Equal(own, together.AlertFingerprints().Where(a => a.Contains(rule.Id, StringComparison.Ordinal)));
    }
}
