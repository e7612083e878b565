using DuckDetect.Core.Ingest;

namespace DuckDetect.Core.S3;

/// <summary>
/// An <c>s3://BUCKET/PREFIX</c> argument. A prefix names a "folder": a trailing <c>/</c> is added unless its last part
/// is named like a data file (<see cref="FileDiscovery.LooksLikeData"/>), which makes it one object.
/// </summary>
public sealed record S3Location(string Bucket, string Prefix)
{
    private const string Scheme = "s3://";

    public static bool IsS3(string argument) => argument.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    public static S3Location Parse(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        var rest = argument[Scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        var prefix = slash < 0 ? "" : rest[(slash + 1)..];
        if (bucket.Length is < 3 or > 63 || bucket.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.')))
        {
            throw new DuckDetectException(FailureKind.InvalidArguments,
                $"{argument}: not an S3 location (s3://BUCKET/PREFIX/, a bucket name of 3 to 63 lower-case letters, digits, '-' and '.')");
        }
        if (prefix.Length > 0 && !prefix.EndsWith('/') && !FileDiscovery.LooksLikeData(prefix[(prefix.LastIndexOf('/') + 1)..]))
        {
            prefix += "/";
        }
        return new S3Location(bucket, prefix);
    }

    /// <summary>One object (<c>s3://bucket/key.json.gz</c>) rather than a prefix.</summary>
    public bool IsObject => Prefix.Length > 0 && !Prefix.EndsWith('/');

    public string Url => ObjectPath(Bucket, Prefix);

    /// <summary>How ingest names an object: in <c>ingested_files.path</c>, <c>source_file</c> and every message.</summary>
    public static string ObjectPath(string bucket, string key) => Scheme + bucket + "/" + key;

    /// <summary>The bucket's ARN, for the permissions a message names.</summary>
    public static string BucketArn(string bucket) => "arn:aws:s3:::" + bucket;

    public override string ToString() => Url;
}
