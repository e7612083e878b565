using System.Text.Json.Nodes;
using DuckDetect.Core.Destinations;

namespace DuckDetect.Tests.Destinations;

/// <summary>A destination's filter: by rule, minimum severity and kind of change; triage passes by rule and severity.</summary>
public sealed class DestinationFilterTests
{
    private static JsonObject Record(string rule, string severity, string change) =>
        new() { ["rule_id"] = rule, ["severity"] = severity, ["change"] = change };

    [Theory]
    [InlineData("a", "medium", "created", true)]
    [InlineData("b", "medium", "created", false)]
    [InlineData("a", "low", "created", false)]
    [InlineData("a", "high", "created", true)]
    [InlineData("a", "critical", "retracted", false)]
    [InlineData("a", "critical", "updated", true)]
    public void Filter_RuleSeverityAndChange(string rule, string severity, string change, bool taken)
    {
        var filter = new DestinationFilter(["a"], "medium", ["created", "updated"]);

        Assert.Equal(taken, filter.Accepts(Record(rule, severity, change)));
        Assert.Equal(rule == "a" && severity != "low", filter.AcceptsAlert(Record(rule, severity, change)));
    }

    [Fact]
    public void Filter_None_TakesEveryRuleAndSeverity()
    {
        var filter = new DestinationFilter(null, null, AlertChange.All);

        Assert.True(filter.Accepts(Record("any", "low", "retracted")));
        Assert.Equal("created, updated, retracted", filter.Describe());
        Assert.Equal(["created", "retracted"], AlertChange.ParseList(" Retracted, created ,created"));
        Assert.Equal(["created", "retracted"], DestinationType.DefaultChanges("slack"));
    }
}
