namespace DuckDetect.Core.Generate;

/// <summary>The rule the manifest's expectations were computed for.</summary>
public sealed record RuleParameters
{
    public static RuleParameters BedrockProbing { get; } = new()
    {
        Name = "AWS Bedrock High-Frequency Single-Model Inference API Probing",
        EventSource = "bedrock.amazonaws.com",
        EventNames = ["InvokeModel", "Converse", "ConverseStream", "InvokeModelWithResponseStream"],
        Counts = "successful calls (no errorCode) with a userIdentity.arn and a requestParameters.modelId",
        GroupBy = ["userIdentity.arn", "account", "modelId"],
        Threshold = 500,
        WindowMinutes = 60,
        StepMinutes = 10,
        SuppressBy = ["userIdentity.arn", "account"],
        SuppressionMinutes = 60,
    };

    public required string Name { get; init; }

    public required string EventSource { get; init; }

    public required IReadOnlyList<string> EventNames { get; init; }

    public required string Counts { get; init; }

    public required IReadOnlyList<string> GroupBy { get; init; }

    /// <summary>An alert needs at least this many calls in one window.</summary>
    public required int Threshold { get; init; }

    /// <summary>Windows are [end - WindowMinutes, end), with end on every StepMinutes mark since the Unix epoch.</summary>
    public required int WindowMinutes { get; init; }

    public required int StepMinutes { get; init; }

    public required IReadOnlyList<string> SuppressBy { get; init; }

    /// <summary>Candidates ending before an alert's window end + SuppressionMinutes fold into it.</summary>
    public required int SuppressionMinutes { get; init; }
}
