using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;

namespace DuckDetect.Core.Destinations.SecurityHub;

/// <summary>
/// Reads Security Hub's replies: a success's JSON body, or an error's code (the x-amzn-ErrorType header, else the
/// body's <c>__type</c> or <c>Code</c>), message and Retry-After.
/// </summary>
public sealed class SecurityHubUnmarshaller : JsonResponseUnmarshaller
{
    public static readonly SecurityHubUnmarshaller Instance = new();

    public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext context)
    {
        var text = Read(context);
        return new SecurityHubReply { Body = text.Length == 0 ? [] : JsonNode.Parse(text) as JsonObject ?? [] };
    }

    public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode)
    {
        var text = Read(context);
        var code = context.ResponseData.GetHeaderValue("x-amzn-ErrorType");
        string? message = null;
        try
        {
            var body = text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject;
            code = string.IsNullOrEmpty(code) ? (string?)body?["__type"] ?? (string?)body?["Code"] : code;
            message = (string?)body?["Message"] ?? (string?)body?["message"];
        }
        catch (JsonException)
        {
            message = text.Length > 200 ? text[..200] : text;
        }
        // x-amzn-ErrorType may carry a URL after a colon, __type a namespace before a '#'.
        code = code?.Split(':')[0].Split('#')[^1];
        return new SecurityHubError(message ?? $"HTTP {(int)statusCode}", innerException, code,
            context.ResponseData.GetHeaderValue("x-amzn-RequestId"), statusCode, context.ResponseData.GetHeaderValue("Retry-After"));
    }

    private static string Read(JsonUnmarshallerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Stream, Encoding.UTF8);
            return reader.ReadToEnd();
        }
        catch (IOException)
        {
            return "";
        }
    }
}
