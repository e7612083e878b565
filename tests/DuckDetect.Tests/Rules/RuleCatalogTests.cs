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
        var rule = Assert.Single(RuleCatalog.All);

        Assert.Equal("56312ef5-656c-4bf7-ad9a-affed052b102", rule.Id);
        Assert.Equal("AWS Bedrock High-Frequency Single-Model Inference API Probing", rule.Name);
        Assert.Equal(("medium", 47), (rule.Severity, rule.RiskScore));
        Assert.Equal(new RuleSettings(500, 60, 10, 60), rule.Settings);
        Assert.Contains("Mitre Atlas: T0024", rule.Tags);
        Assert.Contains("Mitre Atlas: T0024.000", rule.Tags);
        Assert.Equal(["user_arn", "account_id"], rule.Suppression.GroupBy);
        Assert.Equal("suppress", rule.Suppression.MissingFields);
    }

    [Fact]
    public void Definition_SuppressingByOtherFields_IsRefused()
    {
        var rule = RuleCatalog.Get() with
        {
            Suppression = RuleCatalog.Get().Suppression with { GroupBy = ["user_arn", "model_id"] },
        };

        var error = Assert.Throws<InvalidOperationException>(() => RuleCatalog.Validate(rule, "test.json"));
        Assert.Contains("[user_arn, account_id]", error.Message, StringComparison.Ordinal);
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
