namespace DuckDetect.Core.S3;

/// <summary>A request that failed for good (after the retries a transient error gets), with the line that says why.</summary>
public sealed class S3Failure : Exception
{
    public S3Failure(S3FailureKind kind, string reason, Exception? inner = null)
        : base(reason, inner) => Kind = kind;

    public S3FailureKind Kind { get; }
}
