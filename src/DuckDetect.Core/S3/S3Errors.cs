using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;

namespace DuckDetect.Core.S3;

/// <summary>
/// Turns what the SDK throws into an <see cref="S3Failure"/>: whether to retry, and the one line that tells an
/// operator what is wrong and which permission is missing (<c>s3:ListBucket</c>, <c>s3:GetObject</c>,
/// <c>kms:Decrypt</c>). The lines never carry credentials (<see cref="S3Connection"/> also redacts them).
/// </summary>
internal static class S3Errors
{
    private static readonly HashSet<string> CredentialCodes = new(StringComparer.Ordinal)
    {
        "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken", "TokenRefreshRequired",
        "InvalidClientTokenId", "UnrecognizedClientException",
    };

    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "SlowDown", "RequestTimeout", "InternalError", "ServiceUnavailable", "Throttling", "ThrottlingException",
        "RequestTimeTooSkewed", "OperationAborted",
    };

    /// <summary>What <paramref name="ex"/>, thrown by a request to list (<paramref name="key"/> null) or read an object, means.</summary>
    public static S3Failure Classify(Exception ex, string bucket, string? key)
    {
        var listing = key is null;
        return ex switch
        {
            S3Failure failure => failure,
            AmazonS3Exception s3 => FromService(s3, s3.ErrorCode, s3.StatusCode, bucket, key, listing),
            AmazonServiceException service when service.StatusCode != 0 && service.InnerException is not (HttpRequestException or IOException) =>
                FromService(service, service.ErrorCode, service.StatusCode, bucket, key, listing),
            _ when IsNetwork(ex) => new S3Failure(S3FailureKind.Transient, $"network error: {FirstLine(Innermost(ex).Message)}", ex),
            AmazonClientException client when client.Message.Contains("credentials", StringComparison.OrdinalIgnoreCase) =>
                new S3Failure(S3FailureKind.Credentials, NoCredentials(FirstLine(client.Message)), ex),
            AmazonClientException client => new S3Failure(listing ? S3FailureKind.Source : S3FailureKind.Object, FirstLine(client.Message), ex),
            _ => new S3Failure(listing ? S3FailureKind.Source : S3FailureKind.Object, $"{ex.GetType().Name}: {FirstLine(ex.Message)}", ex),
        };
    }

    public static string NoCredentials(string detail) =>
        "no usable AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE or --profile, or run with "
        + $"a web identity, a container or an instance role ({detail})";

    private static S3Failure FromService(AmazonServiceException ex, string? code, HttpStatusCode status, string bucket, string? key, bool listing)
    {
        var message = FirstLine(ex.Message);
        var what = $"{code ?? ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture)}: {message}";
        var numeric = (int)status;
        if (numeric >= 500 || numeric == 429 || (code is not null && TransientCodes.Contains(code)))
        {
            return new S3Failure(S3FailureKind.Transient, $"{numeric} {what}", ex);
        }
        if (code is not null && CredentialCodes.Contains(code))
        {
            return new S3Failure(S3FailureKind.Credentials, $"credentials refused ({what})", ex);
        }
        if (code is "NoSuchBucket")
        {
            return new S3Failure(S3FailureKind.Source, $"no such bucket ({what})", ex);
        }
        if (code is "PermanentRedirect" or "AuthorizationHeaderMalformed" or "IllegalLocationConstraintException" || numeric == 301)
        {
            return new S3Failure(S3FailureKind.Source, $"the bucket is in another region: give its region with --region ({what})", ex);
        }
        if (!listing && code is "NoSuchKey" || (!listing && numeric == 404 && code is null))
        {
            return new S3Failure(S3FailureKind.Gone, "no longer exists (deleted after it was listed)", ex);
        }
        if (numeric == 403 || code is "AccessDenied" or "AllAccessDisabled")
        {
            if (code?.StartsWith("KMS.", StringComparison.Ordinal) == true || message.Contains("kms", StringComparison.OrdinalIgnoreCase))
            {
                return new S3Failure(S3FailureKind.Object,
                    $"access denied by AWS KMS: the object is encrypted with a KMS key this identity may not use; reading it needs kms:Decrypt on that key ({what})", ex);
            }
            return listing
                ? new S3Failure(S3FailureKind.Source, $"access denied: listing needs s3:ListBucket on {S3Location.BucketArn(bucket)} ({what})", ex)
                : new S3Failure(S3FailureKind.Object, $"access denied: reading needs s3:GetObject on {S3Location.BucketArn(bucket)}/{key} ({what})", ex);
        }
        if (code?.StartsWith("KMS.", StringComparison.Ordinal) == true)
        {
            return new S3Failure(S3FailureKind.Object, $"AWS KMS refused to decrypt the object; reading it needs kms:Decrypt on its key ({what})", ex);
        }
        return new S3Failure(listing ? S3FailureKind.Source : S3FailureKind.Object, what, ex);
    }

    private static bool IsNetwork(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException or IOException or SocketException or TimeoutException or WebException)
            {
                return true;
            }
        }
        return false;
    }

    private static Exception Innermost(Exception ex)
    {
        var e = ex;
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }
        return e;
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
