using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace DuckDetect.Core.Destinations.SecurityHub;

/// <summary>The SDK pipeline's endpoint step for Security Hub: the parameters its endpoint provider is asked with.</summary>
public sealed class SecurityHubEndpointResolver : BaseEndpointResolver
{
    protected override EndpointParameters MapEndpointsParameters(IRequestContext requestContext)
    {
        var config = requestContext.ClientConfig;
        var parameters = new EndpointParameters();
        parameters["Region"] = config.RegionEndpoint?.SystemName ?? config.AuthenticationRegion;
        parameters["Endpoint"] = config.ServiceURL;
        return parameters;
    }
}
