namespace DuckDetect.Tests.Detection.Signals;

/// <summary>
/// One hand-made invocation log record: when, what was asked and answered, with which settings, and in which body
/// shape (<see cref="SignalKit.Record"/> writes it).
/// </summary>
public sealed record InvocationCall
{
    public required DateTimeOffset Time { get; init; }

    public required string Prompt { get; init; }

    public string Output { get; init; } = "ok";

    public double? Temperature { get; init; } = 0.7;

    public int? MaxTokens { get; init; } = 512;

    public int OutputTokens { get; init; } = 200;

    /// <summary>converse, history (InvokeModel, Anthropic Messages, earlier turns resent), stream (InvokeModelWithResponseStream), separate (body delivered to S3), error.</summary>
    public string Shape { get; init; } = "converse";

    public string Principal { get; init; } = Support.DetectionFixture.Arn;

    public string Model { get; init; } = Support.DetectionFixture.Model;
}
