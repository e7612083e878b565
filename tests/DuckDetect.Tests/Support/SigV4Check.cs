using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace DuckDetect.Tests.Support;

/// <summary>
/// Verifies an AWS Signature Version 4 request as AWS does: the canonical request (method, path, query, the signed
/// headers, the payload's hash), the string to sign over the credential scope, and the HMAC-SHA256 chain from the
/// secret key. Returns why it fails, or null.
/// </summary>
public static partial class SigV4Check
{
    public static string? Failure(ReceivedRequest request, string accessKey, string secretKey, string region, string service)
    {
        var match = Authorization().Match(request.Header("Authorization") ?? "");
        if (!match.Success)
        {
            return "no AWS4-HMAC-SHA256 Authorization header";
        }
        var (key, date, scopeRegion, scopeService) = (match.Groups["key"].Value, match.Groups["date"].Value, match.Groups["region"].Value, match.Groups["service"].Value);
        if (key != accessKey || scopeRegion != region || scopeService != service)
        {
            return $"credential scope {key}/{scopeRegion}/{scopeService} is not {accessKey}/{region}/{service}";
        }
        var amzDate = request.Header("X-Amz-Date") ?? "";
        var payloadHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request.Body)));
        if (request.Header("X-Amz-Content-SHA256") is { } declared && declared != payloadHash)
        {
            return "X-Amz-Content-SHA256 is not the body's hash";
        }
        var signed = match.Groups["signed"].Value.Split(';');
        var path = request.Path.Split('?')[0];
        var canonical = string.Join('\n', request.Method, path, "",
            string.Concat(signed.Select(h => $"{h}:{(request.Header(h) ?? "").Trim()}\n")), string.Join(';', signed), payloadHash);
        var scope = $"{date}/{region}/{service}/aws4_request";
        var toSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var signingKey = new[] { date, region, service, "aws4_request" }
            .Aggregate(Encoding.UTF8.GetBytes("AWS4" + secretKey), (k, part) => HMACSHA256.HashData(k, Encoding.UTF8.GetBytes(part)));
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(toSign)));
        return expected == match.Groups["signature"].Value ? null : "the signature does not match";
    }

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=(?<key>[^/]+)/(?<date>\d{8})/(?<region>[^/]+)/(?<service>[^/]+)/aws4_request, ?SignedHeaders=(?<signed>[^,]+), ?Signature=(?<signature>[0-9a-f]{64})$")]
    private static partial Regex Authorization();
}
