namespace DuckDetect.Core.S3;

/// <summary>How ingest reaches S3 and how it lists it (the options of <c>ingest</c> and <c>run</c>; docs/s3.md).</summary>
public sealed record S3Settings
{
    /// <summary>A profile of the shared AWS config and credentials files; null: the SDK's default chain.</summary>
    public string? Profile { get; init; }

    /// <summary>The region requests are signed for; null: the SDK's (AWS_REGION, the profile), else us-east-1.</summary>
    public string? Region { get; init; }

    /// <summary>An S3-compatible endpoint (MinIO, Ceph, a local server), addressed path-style.</summary>
    public string? EndpointUrl { get; init; }

    /// <summary>Days before the newest listed day that each run lists again, for objects delivered late.</summary>
    public int LookbackDays { get; init; } = 1;

    /// <summary>List every date root whole this run (<c>--reconcile</c>).</summary>
    public bool Reconcile { get; init; }

    /// <summary>A source not reconciled for this long is reconciled by the run (<c>--reconcile-hours</c>).</summary>
    public TimeSpan ReconcileInterval { get; init; } = TimeSpan.FromHours(24);

    /// <summary>S3 requests in flight at once: listings of date roots, and downloads (<c>--s3-parallel</c>).</summary>
    public int Parallelism { get; init; } = 8;

    /// <summary>Attempts of one request before a transient error (throttling, 5xx, a timeout, a reset) fails it.</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>The first retry's largest delay; each next one doubles it (full jitter), up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = Milliseconds("DUCKDETECT_S3_RETRY_BASE_MS", 200);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a request may wait for a response, or a download for its next bytes, before it is retried.</summary>
    public TimeSpan RequestTimeout { get; init; } = Milliseconds("DUCKDETECT_S3_TIMEOUT_MS", 60_000);

    private static TimeSpan Milliseconds(string variable, int fallback) =>
        TimeSpan.FromMilliseconds(int.TryParse(Environment.GetEnvironmentVariable(variable), out var ms) && ms > 0 ? ms : fallback);
}
