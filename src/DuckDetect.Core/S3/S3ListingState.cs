using System.Data;
using Dapper;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.S3;

/// <summary>
/// Reads and writes one source's listing state (<c>s3_sources</c>, <c>s3_prefixes</c>, <c>s3_days</c>), keyed by the
/// source so that two sources in one database never touch each other's. It is saved after the run's objects are
/// loaded, in one transaction: a run that stops before then saves nothing, and the next run lists as this one did.
/// </summary>
internal static class S3ListingState
{
    public static S3SourceState Load(IDbConnection connection, S3Location source)
    {
        var reconciled = connection.ExecuteScalar<DateTime?>(SqlScripts.Get("ingest/s3/source_state.sql"), new { source = source.Url });
        var roots = connection.Query<S3RootRow>(SqlScripts.Get("ingest/s3/root_states.sql"), new { source = source.Url })
            .Select(r => new S3RootState(r.Prefix, new DayPattern(r.DayPattern), DateOnly.FromDateTime(r.ListedThrough),
                r.NewestDay is { } newest ? DateOnly.FromDateTime(newest) : null))
            .ToDictionary(r => r.Prefix, StringComparer.Ordinal);
        return new S3SourceState(reconciled, roots);
    }

    public static void Save(IDbConnection connection, IDbTransaction tx, S3Location source, string? endpoint, S3Listing listing,
        S3SourceFigures figures, DateTime now)
    {
        var url = source.Url;
        connection.Execute(SqlScripts.Get("ingest/s3/save_source.sql"), new
        {
            source = url,
            bucket = source.Bucket,
            prefix = source.Prefix,
            endpoint,
            now,
            reconciled = listing.Reconciled,
            list_requests = figures.ListRequests,
            get_requests = figures.GetRequests,
            bytes_read = figures.BytesRead,
            objects_listed = (long)listing.Objects.Count,
            objects_loaded = figures.ObjectsLoaded,
            objects_failed = figures.ObjectsFailed,
        }, tx);
        if (listing.RemovedRoots.Count > 0)
        {
            connection.Execute(SqlScripts.Get("ingest/s3/remove_roots.sql"), new { source = url, prefixes = ListParameter.Of(listing.RemovedRoots) }, tx);
        }
        if (listing.Roots.Count > 0)
        {
            connection.Execute(SqlScripts.Get("ingest/s3/save_roots.sql"), new
            {
                source = url,
                prefixes = ListParameter.Of(listing.Roots.Select(r => r.Prefix)),
                patterns = ListParameter.Of(listing.Roots.Select(r => r.Pattern.Pattern)),
                listed_through = ListParameter.Of(listing.Roots.Select(r => r.ListedThrough.ToDateTime(TimeOnly.MinValue))),
                newest_days = ListParameter.Of(listing.Roots.Select(r => r.NewestDay?.ToDateTime(TimeOnly.MinValue))),
                now,
            }, tx);
        }
        if (listing.Days.Count > 0)
        {
            connection.Execute(SqlScripts.Get("ingest/s3/save_days.sql"), new
            {
                source = url,
                prefixes = ListParameter.Of(listing.Days.Select(d => d.Root)),
                days = ListParameter.Of(listing.Days.Select(d => d.Day.ToDateTime(TimeOnly.MinValue))),
                objects = ListParameter.Of(listing.Days.Select(d => d.Objects)),
                bytes = ListParameter.Of(listing.Days.Select(d => d.Bytes)),
                newest = ListParameter.Of(listing.Days.Select(d => d.NewestModified)),
                now,
            }, tx);
        }
    }
}
