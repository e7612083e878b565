using Amazon.Runtime.Endpoints;

namespace DuckDetect.Core.Destinations.SecurityHub;

/// <summary>Resolves every operation to the configuration's one endpoint.</summary>
public sealed class SecurityHubEndpointProvider(SecurityHubConfig config) : IEndpointProvider
{
    public Endpoint ResolveEndpoint(EndpointParameters parameters) => config.Endpoint();
}
