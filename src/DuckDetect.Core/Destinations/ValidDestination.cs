namespace DuckDetect.Core.Destinations;

/// <summary>A destination checked by <see cref="NewDestination.Validate"/>, ready to be stored.</summary>
public sealed record ValidDestination(string Name, string Type, DestinationSettings Settings, string SettingsJson,
    DestinationFilter Filter, double TimeoutSeconds, double RetrySeconds);
