using System.Text.Json;

namespace DuckDetect.Core.Generate;

/// <summary>
/// <c>manifest.json</c> beside the generated data: how it was made, per rule its parameters and every alert a correct
/// implementation must raise, and per planted case what each rule must do with it. Field names are snake_case in
/// the file.
/// </summary>
public sealed record GenerateManifest
{
    public const string FileName = "manifest.json";

    public required string Generator { get; init; }

    public required string Format { get; init; }

    public required long Seed { get; init; }

    /// <summary>The first day, YYYY-MM-DD (UTC).</summary>
    public required string Start { get; init; }

    public required int Days { get; init; }

    public required long EventsPerDay { get; init; }

    public required long Events { get; init; }

    public required int Files { get; init; }

    public required long Bytes { get; init; }

    public required IReadOnlyList<string> Accounts { get; init; }

    public required IReadOnlyList<string> Regions { get; init; }

    public required IReadOnlyList<ManifestRule> Rules { get; init; }

    public required IReadOnlyList<PlantedCase> Cases { get; init; }

    /// <summary>The Bedrock model invocation logs written beside the CloudTrail, and where logging stops.</summary>
    public required InvocationLogSummary InvocationLogs { get; init; }

    /// <summary>The rule with this key (seed, credential_distributed, low_and_slow, baseline_break).</summary>
    public ManifestRule Rule(string key) => Rules.Single(r => r.Key == key);

    public static GenerateManifest Read(string path) =>
        JsonSerializer.Deserialize(File.ReadAllText(path), GenerateJsonContext.Default.GenerateManifest)
        ?? throw new InvalidDataException($"{path} holds no manifest");

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, GenerateJsonContext.Default.GenerateManifest) + "\n");
}
