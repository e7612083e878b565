using System.Text.Json.Nodes;
using Amazon.Runtime;

namespace DuckDetect.Core.Destinations.SecurityHub;

/// <summary>A Security Hub reply: its JSON body.</summary>
public sealed class SecurityHubReply : AmazonWebServiceResponse
{
    public JsonObject Body { get; init; } = [];
}
