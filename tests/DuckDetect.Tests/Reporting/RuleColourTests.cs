using DuckDetect.Core.Reporting;
using DuckDetect.Core.Rules;

namespace DuckDetect.Tests.Reporting;

/// <summary>Every rule of the catalog has a colour of its own in the report's charts (and its legends).</summary>
public sealed class RuleColourTests
{
    [Fact]
    public void RuleColour_EveryRuleOfTheCatalog_HasItsOwn()
    {
        var colours = RuleCatalog.All.Select(r => ChartKit.RuleColour(r.Id).ToHex()).ToList();

        Assert.Equal(RuleCatalog.All.Count, colours.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.DoesNotContain(ChartKit.RuleColour("no-such-rule").ToHex(), colours);
    }
}
