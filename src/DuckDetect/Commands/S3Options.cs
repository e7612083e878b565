using System.Globalization;
using Cocona;
using DuckDetect.Core;
using DuckDetect.Core.S3;

namespace DuckDetect.Commands;

/// <summary>How <c>ingest</c> and <c>run</c> reach and list <c>s3://</c> paths (docs/s3.md).</summary>
public sealed class S3Options : ICommandParameterSet
{
    [Option("profile", Description = "s3:// paths: the AWS profile to use (unset: the SDK's chain: environment, web identity, AWS_PROFILE or the default profile, container, instance)", ValueName = "NAME")]
    [HasDefaultValue]
    public string? Profile { get; set; }

    [Option("region", Description = "s3:// paths: the buckets' region (default: AWS_REGION, the profile's, else us-east-1)", ValueName = "REGION")]
    [HasDefaultValue]
    public string? Region { get; set; }

    [Option("endpoint-url", Description = "s3:// paths: an S3-compatible server (MinIO, Ceph, a local one), addressed path-style", ValueName = "URL")]
    [HasDefaultValue]
    public string? EndpointUrl { get; set; }

    [Option("reconcile", Description = "s3:// paths: list every date prefix whole now, for objects delivered late under old days (also on its own every --reconcile-hours)")]
    [HasDefaultValue]
    public bool Reconcile { get; set; }

    [Option("reconcile-hours", Description = "s3:// paths: reconcile a source on its own when its last reconciliation is older than this (default 24)", ValueName = "HOURS")]
    [HasDefaultValue]
    public double ReconcileHours { get; set; } = 24;

    [Option("lookback-days", Description = "s3:// paths: each run lists the day prefixes from this many days before the newest one listed up to today (default 1)", ValueName = "DAYS")]
    [HasDefaultValue]
    public int LookbackDays { get; set; } = 1;

    [Option("s3-parallel", Description = "s3:// paths: S3 requests in flight at once, listings and downloads (default 8)", ValueName = "N")]
    [HasDefaultValue]
    public int Parallel { get; set; } = 8;

    public S3Settings ToSettings()
    {
        if (LookbackDays is < 0 or > 366)
        {
            throw Invalid("--lookback-days must be from 0 to 366");
        }
        if (!(ReconcileHours > 0))
        {
            throw Invalid("--reconcile-hours must be more than 0");
        }
        if (Parallel is < 1 or > 256)
        {
            throw Invalid("--s3-parallel must be from 1 to 256");
        }
        if (EndpointUrl is { } url)
        {
            if (!(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            {
                throw Invalid($"--endpoint-url '{url}' is not an http:// or https:// URL");
            }
            if (uri.UserInfo.Length > 0)
            {
                // It would be logged and kept in s3_sources: credentials come from the AWS chain or --profile only.
                throw Invalid("--endpoint-url must not carry credentials (user:password@): give them as AWS credentials (environment, profile)");
            }
        }
        if (Profile is "")
        {
            throw Invalid("--profile needs a name");
        }
        return new S3Settings
        {
            Profile = Profile,
            Region = Region is { Length: > 0 } region ? region : null,
            EndpointUrl = EndpointUrl,
            Reconcile = Reconcile,
            ReconcileInterval = TimeSpan.FromHours(ReconcileHours),
            LookbackDays = LookbackDays,
            Parallelism = Parallel,
        };
    }

    private static DuckDetectException Invalid(string message) => new(FailureKind.InvalidArguments, message);

    /// <summary>The S3 part of ingest's summary line ("" when no S3 path was read).</summary>
    internal static string Figures(Core.Ingest.IngestSummary summary) =>
        summary.S3Sources.Count == 0 && summary.S3ListRequests == 0
            ? ""
            : string.Create(CultureInfo.InvariantCulture,
                $"; s3: {summary.S3ListRequests:N0} LIST and {summary.S3GetRequests:N0} GET request(s), {summary.S3BytesRead / 1e6:N1} MB read, about ${summary.S3RequestCostUsd:0.######} in requests (us-east-1 prices)");
}
