using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace DuckDetect.Core.Destinations.SecurityHub;

/// <summary>
/// The AWS SDK's client configuration for Security Hub (service securityhub, API 2018-10-26, SigV4): the regional
/// endpoint, or the --url given (a VPC endpoint, a test receiver). The SDK's own retries are off: the delivery step
/// retries, within its budget, honouring Retry-After.
/// </summary>
public sealed class SecurityHubConfig : ClientConfig
{
    public SecurityHubConfig()
        : base(new DefaultConfigurationProvider([new DefaultConfiguration { Name = DefaultConfigurationMode.Standard, RetryMode = RequestRetryMode.Standard }]))
    {
        AuthenticationServiceName = "securityhub";
        EndpointProvider = new SecurityHubEndpointProvider(this);
        MaxErrorRetry = 0;
    }

    public override string RegionEndpointServiceName => "securityhub";

    public override string ServiceVersion => "2018-10-26";

    public override string UserAgent => ReceiverHttp.UserAgent;

    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters) => Endpoint();

    /// <summary>--url when given, else Security Hub's endpoint in the region.</summary>
    public Endpoint Endpoint() =>
        new(ServiceURL ?? (RegionEndpoint is { } region
            ? $"https://securityhub.{region.SystemName}.{region.PartitionDnsSuffix}"
            : throw new DestinationException("securityhub: no region")));
}
