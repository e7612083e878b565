using System.Globalization;
using System.IO.Compression;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;

namespace DuckDetect.Tests.Support;

/// <summary>A bucket of its own on the local S3 server for one test, with helpers to put CloudTrail delivery files.</summary>
public sealed class S3TestBucket : IDisposable
{
    private readonly AmazonS3Client _client;

    public S3TestBucket(string? name = null)
    {
        S3Server.UseCredentials();
        Server = S3Server.Shared;
        _client = Server.Client();
        Name = name ?? "dd-" + Guid.NewGuid().ToString("N")[..20];
        _client.PutBucketAsync(Name).GetAwaiter().GetResult();
    }

    public S3Server Server { get; }

    public string Name { get; }

    /// <summary>s3://NAME/PREFIX</summary>
    public string Url(string prefix = "") => $"s3://{Name}/{prefix}";

    /// <summary>The path ingest records for an object.</summary>
    public string PathOf(string key) => $"s3://{Name}/{key}";

    /// <summary>The ETag of an object as ingest records it.</summary>
    public string ETagOf(string key) =>
        _client.GetObjectMetadataAsync(Name, key).GetAwaiter().GetResult().ETag.Trim('"');

    public void Put(string key, byte[] content)
    {
        using var stream = new MemoryStream(content);
        _client.PutObjectAsync(new PutObjectRequest { BucketName = Name, Key = key, InputStream = stream, UseChunkEncoding = false }).GetAwaiter().GetResult();
    }

    public void PutText(string key, string text) => Put(key, Encoding.UTF8.GetBytes(text));

    public void PutGzip(string key, string text) => Put(key, Gzip(text));

    /// <summary>
    /// Puts many objects at once, as files in the server's folder the way s3rver keeps them (KEY._S3rver_object; it
    /// computes their ETag when first asked): a thousand PUT requests took about ten seconds.
    /// </summary>
    public void PutMany(IEnumerable<(string Key, byte[] Content)> objects)
    {
        foreach (var (key, content) in objects)
        {
            var file = Path.Combine(Server.Directory, Name, key + "._S3rver_object");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllBytes(file, content);
            File.Delete(file + ".md5");
        }
    }

    public void Delete(string key) => _client.DeleteObjectAsync(Name, key).GetAwaiter().GetResult();

    public static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// A CloudTrail delivery file's key: AWSLogs/ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHmmZ_SUFFIX.json.gz
    /// </summary>
    public static string DeliveryKey(DateTime time, string suffix, string region = "us-east-1", string account = "111122223333", string root = "") =>
        string.Create(CultureInfo.InvariantCulture,
            $"{root}AWSLogs/{account}/CloudTrail/{region}/{time:yyyy/MM/dd}/{account}_CloudTrail_{region}_{time:yyyyMMdd'T'HHmm}Z_{suffix}.json.gz");

    /// <summary>A delivery file of <paramref name="count"/> events named PREFIX-0.. at <paramref name="time"/>, gzip-compressed.</summary>
    public static byte[] DeliveryFile(string eventPrefix, int count, DateTime time) =>
        Gzip(CloudTrailJson.Delivery(Enumerable.Range(0, count)
            .Select(i => (object)CloudTrailJson.Event($"{eventPrefix}-{i}", new DateTimeOffset(time, TimeSpan.Zero).AddSeconds(i)))));

    public void Dispose()
    {
        _client.Dispose();
        var folder = Path.Combine(Server.Directory, Name);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
