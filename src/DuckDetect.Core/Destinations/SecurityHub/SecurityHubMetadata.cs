using Amazon.Runtime.Internal;

namespace DuckDetect.Core.Destinations.SecurityHub;

/// <summary>The service's identity for the SDK (its user agent and metrics).</summary>
public sealed class SecurityHubMetadata : IServiceMetadata
{
    public string ServiceId => "SecurityHub";

    public IDictionary<string, string> OperationNameMapping { get; } = new Dictionary<string, string>();
}
