namespace DuckDetect.Core.S3;

/// <summary>What a failed S3 request means for the run.</summary>
public enum S3FailureKind
{
    /// <summary>Throttling (503 SlowDown), another 5xx, a timeout or a reset connection: retried, within a bound.</summary>
    Transient,

    /// <summary>No credentials, or credentials S3 refuses (unknown key, bad signature, expired token): exit 77.</summary>
    Credentials,

    /// <summary>The source cannot be listed (no such bucket, s3:ListBucket denied, another region): exit 76.</summary>
    Source,

    /// <summary>One object cannot be read (s3:GetObject or kms:Decrypt denied, another error): exit 65, retried next run.</summary>
    Object,

    /// <summary>The object was deleted after it was listed: nothing to load.</summary>
    Gone,
}
