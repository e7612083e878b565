using Amazon.Runtime;

namespace DuckDetect.Core.Destinations.SecurityHub;

/// <summary>One call of Security Hub's REST-JSON API: its HTTP method, path and JSON body.</summary>
public sealed class SecurityHubOperation : AmazonWebServiceRequest
{
    public required string Method { get; init; }

    public required string Path { get; init; }

    public required string Body { get; init; }
}
