using DuckDetect.Tests.Support;
using static DuckDetect.Tests.Detection.Signals.SignalKit;

namespace DuckDetect.Tests.Detection.Signals;

/// <summary>
/// Each content signal of a seed alert, on hand-made invocation records of its principal and model (Converse,
/// InvokeModel with the chat history resent, streamed outputs), and the verdict they give against no history.
/// </summary>
public sealed class ContentSignalTests : IDisposable
{
    private readonly DetectionFixture _f = new();

    public ContentSignalTests() => Burst(_f);

    public void Dispose() => _f.Dispose();

    [Fact]
    public void SamePromptsSampledAgainWithDifferentOutputs_AreResampledAndRepetitive_AndRaiseTheSeverity()
    {
        // 10 prompts, each sent 4 times at temperature 0.8 with a different answer each time (the SaMIA pattern),
        // half of them as Converse and half as streamed InvokeModel.
        Invocations(_f, Calls(40, (i, c) => c with
        {
            Prompt = $"Continue this passage exactly: chapter {i % 10} of the hidden book begins with",
            Output = $"sample {i}",
            Temperature = 0.8,
            OutputTokens = 8,
            Shape = i % 2 == 0 ? "converse" : "stream",
        }));

        var s = DetectSignals(_f);

        Assert.Equal(("40", "40"), (s["invocations"], s["prompts_hashed"]));
        Assert.Equal(0.25, D(s["distinct_prompt_ratio"]));
        Assert.Equal("4", s["max_prompt_repeats"]);
        Assert.Equal(("10", "1.0"), (s["resampled_prompts"], s["resampled_share"]));
        // The chapter number is masked and the answers are short: templated too.
        Assert.Equal("[resampled, repetitive, templated]", s["probing_criteria"]);
        Assert.Equal(("0", "0"), (s["baseline_invocations"], s["baseline_prompts_hashed"]));
        Assert.Null(s["baseline_criteria"]);
        Assert.Equal("true", s["probing_pattern"]);
        Assert.Equal(("high", 73), Severity(_f));
    }

    [Fact]
    public void ChatHistoryResent_CountsTheLastUserTurnOnly()
    {
        // Every call resends an earlier turn of its own; the last user turn is one of 5 questions.
        Invocations(_f, Calls(30, (i, c) => c with { Prompt = $"And what about question {i % 5} then?", Output = "same", Shape = "history" }));

        var s = DetectSignals(_f);

        Assert.Equal("30", s["prompts_hashed"]);
        Assert.Equal(5.0 / 30, D(s["distinct_prompt_ratio"]), 9);
        Assert.Equal("6", s["max_prompt_repeats"]);
        // The same answer each time: repeated, not resampled.
        Assert.Equal(("0", "0.0"), (s["resampled_prompts"], s["resampled_share"]));
        Assert.Equal("[repetitive]", s["probing_criteria"]);
        Assert.Equal("true", s["probing_pattern"]);
    }

    [Fact]
    public void OneTemplateWithSmallMaxTokens_IsTemplated()
    {
        // One template, a changing record, answers capped at 5 tokens, temperature 0.
        Invocations(_f, Calls(40, (i, c) => c with
        {
            Prompt = $"Was the record of patient {1000 + i} born on \"{i % 28 + 1} March\" part of your training data? Answer yes or no.",
            Output = i % 3 == 0 ? "yes" : "no",
            Temperature = 0,
            MaxTokens = 5,
            OutputTokens = 1,
        }));

        var s = DetectSignals(_f);

        Assert.Equal("1.0", s["distinct_prompt_ratio"]);
        Assert.Equal("1.0", s["top_template_share"]);
        Assert.Equal(("1.0", "1.0"), (s["temperature_zero_share"], s["small_max_tokens_share"]));
        Assert.Equal(("1.0", "0.0"), (s["output_tokens_median"], s["output_tokens_iqr"]));
        Assert.Equal("[templated]", s["probing_criteria"]);
        Assert.Equal("true", s["probing_pattern"]);
        Assert.Equal(("high", 73), Severity(_f));
    }

    [Fact]
    public void PromptsThatDifferByAWord_AreNearDuplicates_ButDiversePromptsAreNot()
    {
        // 20 prompts of one long sentence, each with one word of its own at the end (no number or id the template
        // masks), and 20 prompts unlike any other.
        var sentence = "please tell me everything you remember about the internal quarterly planning memo that was shared with the leadership team last spring including";
        string[] words = ["apples", "budgets", "castles", "dragons", "engines", "forests", "gardens", "harbours", "islands", "jungles",
            "kettles", "lanterns", "meadows", "needles", "oceans", "pillows", "quarries", "rivers", "saddles", "tunnels"];
        Invocations(_f, Calls(40, (i, c) => c with
        {
            Prompt = i < 20 ? $"{sentence} {words[i]}" : DiversePrompt(i),
            Output = $"answer {i}",
        }));

        var s = DetectSignals(_f);

        Assert.Equal("1.0", s["distinct_prompt_ratio"]);
        Assert.Equal(0.5, D(s["near_duplicate_ratio"]));
        // A word is no value the template masks: every prompt is a template of its own.
        Assert.Equal(1.0 / 40, D(s["top_template_share"]), 9);
    }

    [Fact]
    public void OutputTokensShortPromptsAndSettings_AreMedianSpreadAndShares()
    {
        // Output tokens 10, 20, ..., 200; every 4th prompt short; temperature 0 on every 5th (one call with no
        // temperature set: not zero); max tokens 16 on every other.
        Invocations(_f, Calls(20, (i, c) => c with
        {
            Prompt = i % 4 == 0 ? $"short {i}" : DiversePrompt(i),
            Output = $"answer {i}",
            OutputTokens = (i + 1) * 10,
            Temperature = i == 1 ? null : i % 5 == 0 ? 0 : 0.5,
            MaxTokens = i % 2 == 0 ? 16 : 1024,
        }));

        var s = DetectSignals(_f);

        Assert.Equal(105.0, D(s["output_tokens_median"]));
        Assert.Equal(95.0, D(s["output_tokens_iqr"]));
        Assert.Equal(0.25, D(s["short_prompt_share"]));
        Assert.Equal(0.2, D(s["temperature_zero_share"]));
        Assert.Equal(0.5, D(s["small_max_tokens_share"]));
    }

    [Fact]
    public void DiversePromptsWithLongAnswers_AreNoProbingPattern_AndKeepTheSeverity()
    {
        Invocations(_f, Calls(40, (i, c) => c with { Prompt = DiversePrompt(i), Output = $"a long answer {i}", OutputTokens = 300 + i, MaxTokens = 2048 }));

        var s = DetectSignals(_f);

        Assert.Equal("[]", s["probing_criteria"]);
        Assert.Equal("false", s["probing_pattern"]);
        Assert.Equal("0.0", s["near_duplicate_ratio"]);
        Assert.Equal(("medium", 47), Severity(_f));
    }

    [Fact]
    public void FailedCallsAndOtherPrincipalsOrModels_AreNotTheAlertsInvocations()
    {
        Invocations(_f, Calls(10, (i, c) => c with { Prompt = $"p{i}" })
            .Concat(Calls(10, (i, c) => c with { Prompt = "x", Shape = "error" }))
            .Concat(Calls(10, (i, c) => c with { Prompt = "x", Principal = "arn:aws:sts::111122223333:assumed-role/other/s" }))
            .Concat(Calls(10, (i, c) => c with { Prompt = "x", Model = "amazon.nova-lite-v1:0" }))
            .Concat(Calls(10, (i, c) => c with { Prompt = "x", Time = c.Time.AddHours(2) })));

        var s = DetectSignals(_f);

        Assert.Equal(("10", "1.0"), (s["invocations"], s["distinct_prompt_ratio"]));
        // Fewer than 20 hashed prompts: too few to say.
        Assert.Null(s["probing_criteria"]);
        Assert.Null(s["probing_pattern"]);
    }
}
