using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace DuckDetect.Core.Destinations.SecurityHub;

/// <summary>Turns a <see cref="SecurityHubOperation"/> into the SDK's request: method, path, JSON body.</summary>
public sealed class SecurityHubMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public static readonly SecurityHubMarshaller Instance = new();

    public IRequest Marshall(AmazonWebServiceRequest input)
    {
        var operation = (SecurityHubOperation)input;
        var request = new DefaultRequest(operation, "Amazon.SecurityHub")
        {
            HttpMethod = operation.Method,
            ResourcePath = operation.Path,
            Content = Encoding.UTF8.GetBytes(operation.Body),
        };
        request.Headers["Content-Type"] = "application/json";
        return request;
    }
}
