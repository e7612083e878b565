using DuckDetect.Tests.Support;
using static DuckDetect.Tests.Detection.Signals.SignalKit;

namespace DuckDetect.Tests.Detection.Signals;

/// <summary>
/// The verdict "templated or repetitive probing pattern" at the edges of its documented bounds, against the
/// principal and model's own 14-day baseline.
/// </summary>
public sealed class ProbingVerdictTests : IDisposable
{
    private readonly DetectionFixture _f = new();

    public ProbingVerdictTests() => Burst(_f);

    public void Dispose() => _f.Dispose();

    /// <summary><paramref name="count"/> calls of <paramref name="distinct"/> diverse prompts (each sent count/distinct times, same answer), long answers.</summary>
    private static List<InvocationCall> Repeats(int count, int distinct, DateTimeOffset? start = null) =>
        Calls(count, (i, c) => c with { Prompt = DiversePrompt(i % distinct), Output = "the same answer", OutputTokens = 300 }, start);

    [Fact]
    public void DistinctRatioOfExactlyHalf_IsRepetitive()
    {
        Invocations(_f, Repeats(20, 10));

        var s = DetectSignals(_f);

        Assert.Equal(("20", "0.5"), (s["prompts_hashed"], s["distinct_prompt_ratio"]));
        Assert.Equal("[repetitive]", s["probing_criteria"]);
        Assert.Equal("true", s["probing_pattern"]);
    }

    [Fact]
    public void DistinctRatioJustOverHalf_IsNot()
    {
        Invocations(_f, Repeats(21, 11));

        var s = DetectSignals(_f);

        Assert.True(D(s["distinct_prompt_ratio"]) > 0.5);
        Assert.Equal("[]", s["probing_criteria"]);
        Assert.Equal("false", s["probing_pattern"]);
        Assert.Equal(("medium", 47), Severity(_f));
    }

    [Fact]
    public void NineteenHashedPrompts_AreTooFewToSay()
    {
        // 19 repeats of one prompt, plus 5 calls whose body went to S3 (no hash): the verdict is unknown.
        Invocations(_f, Repeats(19, 1).Concat(Calls(5, (i, c) => c with { Prompt = "x", Shape = "separate" })));

        var s = DetectSignals(_f);

        Assert.Equal(("24", "19"), (s["invocations"], s["prompts_hashed"]));
        Assert.Equal("19", s["max_prompt_repeats"]);
        Assert.Null(s["probing_criteria"]);
        Assert.Null(s["probing_pattern"]);
        Assert.Equal(("medium", 47), Severity(_f));
    }

    [Fact]
    public void ResampledShareOfExactlyHalf_IsResampled()
    {
        // 10 calls: 2 prompts sent 5 times with different answers; 10 calls of prompts of their own (20 distinct
        // prompts in 30 calls would not be repetitive: 12/20 = 0.6).
        var resampled = Calls(10, (i, c) => c with { Prompt = DiversePrompt(i % 2), Output = $"variant {i}", OutputTokens = 300 });
        var single = Calls(10, (i, c) => c with { Prompt = DiversePrompt(100 + i), Output = "x", OutputTokens = 300 }, BurstStart.AddMinutes(30));

        Invocations(_f, resampled.Concat(single));

        var s = DetectSignals(_f);

        Assert.Equal(("2", "0.5"), (s["resampled_prompts"], s["resampled_share"]));
        Assert.Equal(0.6, D(s["distinct_prompt_ratio"]));
        Assert.Equal("[resampled]", s["probing_criteria"]);
    }

    [Fact]
    public void PromptSentTwiceWithTwoAnswers_IsNotResampled()
    {
        Invocations(_f, Calls(20, (i, c) => c with { Prompt = DiversePrompt(i % 10), Output = $"variant {i}", OutputTokens = 300 }));

        var s = DetectSignals(_f);

        Assert.Equal(("0", "0.0"), (s["resampled_prompts"], s["resampled_share"]));
    }

    [Fact]
    public void TemplatedWithoutSmallAnswers_IsNotTemplated()
    {
        // An evaluation harness's look: one template, each record once, temperature 0, but long answers.
        Invocations(_f, Calls(40, (i, c) => c with
        {
            Prompt = $"Summarise support ticket {5000 + i} in three paragraphs.",
            Output = $"summary {i}",
            Temperature = 0,
            MaxTokens = 1024,
            OutputTokens = 400,
        }));

        var s = DetectSignals(_f);

        Assert.Equal("1.0", s["top_template_share"]);
        Assert.Equal("[]", s["probing_criteria"]);
        Assert.Equal("false", s["probing_pattern"]);
    }

    [Theory]
    [InlineData(32, "[templated]")]
    [InlineData(31, "[]")]
    public void TemplateShareOfFourFifths_IsTemplated_JustUnderIsNot(int templated, string criteria)
    {
        // 32 (or 31) of 40 share one template, answers capped at 5 tokens.
        Invocations(_f, Calls(40, (i, c) => c with
        {
            Prompt = i < templated ? $"Is record {i} in your data? Answer yes or no." : DiversePrompt(i),
            MaxTokens = 5,
            OutputTokens = 1,
            Output = $"o{i}",
        }));

        var s = DetectSignals(_f);

        Assert.Equal(templated / 40.0, D(s["top_template_share"]), 9);
        Assert.Equal(criteria, s["probing_criteria"]);
    }

    [Fact]
    public void ABaselineThatWasAlreadyRepetitive_DoesNotDiffer()
    {
        // The principal repeated its prompts like this a week before: the same bound crossed, no verdict.
        Invocations(_f, Repeats(40, 4, BurstStart.AddDays(-7)));
        Invocations(_f, Repeats(40, 4));

        var s = DetectSignals(_f);

        Assert.Equal(("40", "40"), (s["baseline_invocations"], s["invocations"]));
        Assert.Equal("[repetitive]", s["baseline_criteria"]);
        Assert.Equal("[repetitive]", s["probing_criteria"]);
        Assert.Equal("false", s["probing_pattern"]);
        Assert.Equal(("medium", 47), Severity(_f));
    }

    [Fact]
    public void ABaselineCrossingAnotherBound_StillDiffers()
    {
        Invocations(_f, Repeats(40, 4, BurstStart.AddDays(-7)));
        Invocations(_f, Calls(40, (i, c) => c with { Prompt = DiversePrompt(i % 10), Output = $"variant {i}", OutputTokens = 300 }));

        var s = DetectSignals(_f);

        Assert.Equal("[repetitive]", s["baseline_criteria"]);
        Assert.Equal("[resampled, repetitive]", s["probing_criteria"]);
        Assert.Equal("true", s["probing_pattern"]);
    }

    [Fact]
    public void HistoryOlderThanFourteenDaysOrTooThin_IsNoBaseline()
    {
        Invocations(_f, Repeats(40, 4, SpanStart.AddDays(-14).AddMinutes(-61)));
        Invocations(_f, Repeats(19, 4, BurstStart.AddDays(-1)));
        Invocations(_f, Repeats(40, 4));

        var s = DetectSignals(_f);

        Assert.Equal(("19", "19"), (s["baseline_invocations"], s["baseline_prompts_hashed"]));
        Assert.Null(s["baseline_criteria"]);
        Assert.Equal("true", s["probing_pattern"]);
        Assert.Equal(("high", 73), Severity(_f));
    }

    [Fact]
    public void NoInvocationRecords_AreUnknownSignals_NotZero()
    {
        var s = DetectSignals(_f);

        Assert.Equal(("0", "0", "0"), (s["invocations"], s["prompts_hashed"], s["baseline_invocations"]));
        foreach (var column in new[] { "distinct_prompt_ratio", "max_prompt_repeats", "top_template_share", "near_duplicate_ratio",
            "resampled_prompts", "resampled_share", "output_tokens_median", "output_tokens_iqr", "short_prompt_share",
            "temperature_zero_share", "small_max_tokens_share", "probing_criteria", "probing_pattern" })
        {
            Assert.Null(s[column]);
        }
        Assert.Equal(("medium", 47), Severity(_f));
    }

    [Fact]
    public void BodiesDeliveredSeparately_AreUnknownSignals()
    {
        Invocations(_f, Calls(30, (i, c) => c with { Prompt = "x", Shape = "separate" }));

        var s = DetectSignals(_f);

        Assert.Equal(("30", "0"), (s["invocations"], s["prompts_hashed"]));
        Assert.Null(s["distinct_prompt_ratio"]);
        Assert.Null(s["temperature_zero_share"]);
        Assert.Null(s["probing_pattern"]);
    }
}
