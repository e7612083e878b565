using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace DuckDetect.Core.Destinations.SecurityHub;

/// <summary>
/// A client of AWS Security Hub on the AWS SDK's runtime (AWSSDK.Core): credentials from the SDK's chain or a
/// profile, SigV4 signing, the SDK's HTTP pipeline and error handling, for the two operations DuckDetect calls:
/// BatchImportFindings (<c>POST /findings/import</c>) and BatchUpdateFindings (<c>PATCH /findings/batchupdate</c>).
/// </summary>
public sealed class SecurityHubClient : AmazonServiceClient
{
    private static readonly IServiceMetadata Metadata = new SecurityHubMetadata();

    public SecurityHubClient(AWSCredentials? credentials, SecurityHubConfig config)
        : base(credentials!, config)
    {
    }

    public SecurityHubClient(SecurityHubConfig config)
        : base(config)
    {
    }

    protected override IServiceMetadata ServiceMetadata => Metadata;

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        pipeline.RemoveHandler<EndpointResolver>();
        pipeline.AddHandlerAfter<Marshaller>(new SecurityHubEndpointResolver());
        pipeline.AddHandlerAfter<Marshaller>(new SecurityHubAuthHandler());
    }

    public Task<SecurityHubReply> BatchImportFindingsAsync(string body, CancellationToken cancel) =>
        CallAsync("POST", "/findings/import", body, cancel);

    public Task<SecurityHubReply> BatchUpdateFindingsAsync(string body, CancellationToken cancel) =>
        CallAsync("PATCH", "/findings/batchupdate", body, cancel);

    private Task<SecurityHubReply> CallAsync(string method, string path, string body, CancellationToken cancel) =>
        InvokeAsync<SecurityHubReply>(new SecurityHubOperation { Method = method, Path = path, Body = body },
            new InvokeOptions { RequestMarshaller = SecurityHubMarshaller.Instance, ResponseUnmarshaller = SecurityHubUnmarshaller.Instance }, cancel);
}
