using DuckDetect.Core;
using DuckDetect.Core.Rules;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Rules;

/// <summary>The rule definition is data: its settings come from the file, and the engine refuses what it cannot run.</summary>
public sealed class RuleCatalogTests
{
    [Fact]
    public void ShippedRule_HasTheSeedRulesSettings()
    {
        var rule = RuleCatalog.Get();

        Assert.Equal(4, RuleCatalog.All.Count(r => r.IsThreshold));
        Assert.Equal("56312ef5-656c-4bf7-ad9a-affed052b102", rule.Id);
        Assert.Equal("AWS Bedrock High-Frequency Single-Model Inference API Probing", rule.Name);
        Assert.Equal(("medium", 47), (rule.Severity, rule.RiskScore));
        Assert.Equal(new RuleSettings(500, 60, 10, 60), rule.Settings);
        Assert.Contains("Mitre Atlas: T0024", rule.Tags);
        Assert.Contains("Mitre Atlas: T0024.000", rule.Tags);
        Assert.Equal(["user_arn", "account_id"], rule.Suppression.GroupBy);
        Assert.Equal(["user_arn", "account_id", "model_id"], rule.CandidateKeys.Names);
        Assert.Equal("suppress", rule.Suppression.MissingFields);
    }

    [Theory]
    [InlineData("source_ip")]                 // a column, but not one the rule groups its candidates by
    [InlineData("user_agent")]                // not a key column
    [InlineData("user_arn) OR (1=1")]         // text that would reach SQL
    public void Definition_SuppressingByFieldsItCannot_IsRefused(string field)
    {
        var rule = RuleCatalog.Get() with
        {
            Suppression = RuleCatalog.Get().Suppression with { GroupBy = ["account_id", field] },
        };

        var error = Assert.Throws<InvalidOperationException>(() => RuleCatalog.Validate(rule, "test.json"));
        Assert.Contains("test.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Definition_GroupingByAnUnknownField_IsRefused()
    {
        var rule = RuleCatalog.Get() with { GroupBy = ["user_arn", "event_name"] };

        Assert.Throws<InvalidOperationException>(() => RuleCatalog.Validate(rule, "test.json"));
    }

    [Fact]
    public void Definition_WithoutItsSql_IsRefused()
    {
        var rule = RuleCatalog.Get() with { Sql = "rules/missing.sql" };

        Assert.Throws<InvalidOperationException>(() => RuleCatalog.Validate(rule, "test.json"));
    }

    [Theory]
    [InlineData(0, 60, 10, 60)]
    [InlineData(500, 45, 10, 60)]
    [InlineData(500, 60, 7, 60)]
    [InlineData(500, 5, 10, 60)]
    [InlineData(500, 60, 10, -1)]
    public void Settings_ThatCannotDefineHoppingWindows_AreInvalidArguments(long threshold, int window, int interval, int suppression)
    {
        var error = Assert.Throws<DuckDetectException>(() => new RuleSettings(threshold, window, interval, suppression).Validate());
        Assert.Equal(FailureKind.InvalidArguments, error.Kind);
    }

    [Fact]
    public void Detect_UnknownRule_ExitsWithInvalidArguments()
    {
        using var db = new TempDatabase();

        var result = Support.Cli.Run("detect", "--rule", "no-such-rule", "--db", db.Path);

        Assert.Equal(64, result.ExitCode);
        Assert.Contains("no rule with id no-such-rule", result.Stderr, StringComparison.Ordinal);
    }
}
