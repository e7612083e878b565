using System.Text.Json;

namespace DuckDetect.Core.Destinations;

/// <summary>A row of destination_configs: one version of a destination's configuration.</summary>
public sealed record DestinationConfig
{
    public long ConfigId { get; init; }

    public string Destination { get; init; } = "";

    public int Version { get; init; }

    /// <summary>added, changed, disabled, enabled or removed.</summary>
    public string Action { get; init; } = "";

    public string Type { get; init; } = "";

    public string SettingsJson { get; init; } = "{}";

    /// <summary>The rules it is sent alerts of, as a JSON array; null for every rule.</summary>
    public string? RuleIdsJson { get; init; }

    public string? MinSeverity { get; init; }

    public string ChangesJson { get; init; } = "[]";

    public bool Enabled { get; init; }

    public double TimeoutSeconds { get; init; }

    public double RetrySeconds { get; init; }

    public string ChangedBy { get; init; } = "";

    public DateTime ChangedAt { get; init; }

    public string? Reason { get; init; }

    public DestinationSettings Settings => JsonSerializer.Deserialize(SettingsJson, DestinationJsonContext.Default.DestinationSettings) ?? new();

    public IReadOnlyList<string>? RuleIds => RuleIdsJson is null ? null : JsonSerializer.Deserialize(RuleIdsJson, DestinationJsonContext.Default.StringArray);

    public IReadOnlyList<string> Changes => JsonSerializer.Deserialize(ChangesJson, DestinationJsonContext.Default.StringArray) ?? [];

    public DestinationFilter Filter => new(RuleIds, MinSeverity, Changes);

    /// <summary>Where it delivers, for people, without a secret: the URL when it holds none, else where the URL is read.</summary>
    public string Target
    {
        get
        {
            var s = Settings;
            return Type switch
            {
                DestinationType.SecurityHub => $"account {s.AccountId} in {s.Region}" + (s.Url is null ? "" : $" at {s.Url}"),
                DestinationType.Elasticsearch => $"{Url(s)} index {s.Index}",
                _ => Url(s),
            };
        }
    }

    private static string Url(DestinationSettings s) =>
        s.Url ?? (SecretReference.Parse(s.UrlSecret) is { } secret ? "URL in " + secret.Describe() : "default URL");
}
