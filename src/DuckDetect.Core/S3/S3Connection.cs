using System.Buffers;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace DuckDetect.Core.S3;

/// <summary>
/// The S3 client of one ingest call: configured for S3 and for third-party servers alike (path-style for an
/// endpoint, checksums only when an operation requires them), counting every request it sends and every byte it
/// reads. The SDK's own retries are off: each request is retried here, so that every attempt is counted and a
/// download cut off mid-body is retried too (<see cref="S3Retry"/>).
/// </summary>
public sealed class S3Connection : IDisposable
{
    private readonly AmazonS3Client _client;
    private readonly S3Retry _retry;
    private readonly TimeSpan _timeout;
    private long _lists;
    private long _gets;
    private long _bytes;

    private S3Connection(AmazonS3Client client, S3Credentials credentials, S3Settings settings)
    {
        _client = client;
        _retry = new S3Retry(settings, credentials.Redact);
        _timeout = settings.RequestTimeout;
        CredentialSource = credentials.Source;
        Region = credentials.Region;
    }

    /// <summary>Where the credentials came from ("environment variables (AWS_ACCESS_KEY_ID)", "profile x"): never a secret.</summary>
    public string CredentialSource { get; }

    public string Region { get; }

    public long ListRequests => Interlocked.Read(ref _lists);

    public long GetRequests => Interlocked.Read(ref _gets);

    public long BytesRead => Interlocked.Read(ref _bytes);

    /// <summary>Resolves the credentials and region; throws <see cref="S3Failure"/> (credentials) when there are none.</summary>
    public static S3Connection Open(S3Settings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var credentials = S3Credentials.Resolve(settings);
        var config = new AmazonS3Config
        {
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            MaxErrorRetry = 0,
            Timeout = settings.RequestTimeout,
        };
        if (settings.EndpointUrl is { } endpoint)
        {
            config.ServiceURL = endpoint;
            config.ForcePathStyle = true;
            config.AuthenticationRegion = credentials.Region;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(credentials.Region);
        }
        return new S3Connection(new AmazonS3Client(credentials.Credentials, config), credentials, settings);
    }

    /// <summary>One page of the keys under <paramref name="prefix"/> (up to 1,000), grouped at <paramref name="delimiter"/> when given.</summary>
    public Task<S3ListPage> ListAsync(string bucket, string prefix, string? delimiter, string? continuation, CancellationToken ct) =>
        _retry.Run(bucket, null, async timeout =>
        {
            Interlocked.Increment(ref _lists);
            timeout.CancelAfter(_timeout);
            var response = await _client.ListObjectsV2Async(new ListObjectsV2Request
            {
                BucketName = bucket,
                Prefix = prefix,
                Delimiter = delimiter,
                ContinuationToken = continuation,
            }, timeout.Token).ConfigureAwait(false);
            var objects = (response.S3Objects ?? []).Where(o => !o.Key.EndsWith('/'))
                .Select(o => new S3ListedObject(o.Key, Unquote(o.ETag), o.Size ?? 0, Utc(o.LastModified))).ToList();
            return new S3ListPage(objects, response.CommonPrefixes ?? [], response.IsTruncated == true ? response.NextContinuationToken : null);
        }, ct);

    /// <summary>
    /// Writes the object to <paramref name="file"/> (replaced on each attempt). A response that stalls for the
    /// request timeout or ends before its Content-Length is a transient error, retried as a failed request is.
    /// </summary>
    public Task<S3Download> DownloadAsync(string bucket, string key, string file, CancellationToken ct) =>
        _retry.Run(bucket, key, async timeout =>
        {
            Interlocked.Increment(ref _gets);
            timeout.CancelAfter(_timeout);
            using var response = await _client.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, timeout.Token)
                .ConfigureAwait(false);
            if (string.IsNullOrEmpty(response.ETag))
            {
                // S3 sends an object's ETag with every GET: a response without one did not come whole from S3.
                throw new IOException("the response carried no ETag");
            }
            var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
            long total = 0;
            try
            {
                await using var output = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                int read;
                while ((read = await response.ResponseStream.ReadAsync(buffer, timeout.Token).ConfigureAwait(false)) > 0)
                {
                    timeout.CancelAfter(_timeout);
                    await output.WriteAsync(buffer.AsMemory(0, read), timeout.Token).ConfigureAwait(false);
                    total += read;
                    Interlocked.Add(ref _bytes, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
            if (response.ContentLength >= 0 && total != response.ContentLength)
            {
                throw new IOException($"the connection closed after {total:N0} of {response.ContentLength:N0} bytes");
            }
            return new S3Download(Unquote(response.ETag), total, Utc(response.LastModified));
        }, ct);

    private static string Unquote(string? etag) => (etag ?? "").Trim('"');

    private static DateTime Utc(DateTime? time) => time is { } t ? t.ToUniversalTime() : DateTime.UnixEpoch;

    public void Dispose() => _client.Dispose();
}
