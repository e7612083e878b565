namespace DuckDetect.Core.S3;

/// <summary>
/// The estimate of a run's request cost: Amazon S3 Standard in us-east-1 (US East, N. Virginia), $0.005 per 1,000
/// LIST requests and $0.0004 per 1,000 GET requests (docs/s3.md#cost). Data transfer is not in it: reading from
/// the bucket's own region costs nothing, from the internet $0.09 per GB (the summary gives the bytes).
/// </summary>
public static class S3Pricing
{
    public const decimal ListPerThousand = 0.005m;

    public const decimal GetPerThousand = 0.0004m;

    public static decimal RequestCost(long lists, long gets) => (lists * ListPerThousand / 1000m) + (gets * GetPerThousand / 1000m);
}
