using System.Collections.Concurrent;
using DuckDetect.Core.Ingest;

namespace DuckDetect.Core.S3;

/// <summary>
/// Lists a source the cheap way (docs/s3.md). A walk with delimiter listings finds the date roots (the account and
/// region prefixes whose children are day prefixes: <c>2026/</c>, <c>eventDay=20260302/</c>); a root already in
/// the database is not listed again to find it. Each known root is then listed by its day prefixes only, from the
/// lookback before the newest day listed up to today; a new root, every root of a reconciliation, and a root left
/// unlisted for more than <see cref="MaxDaysByPrefix"/> days are listed whole (paged, without a delimiter).
/// Nothing resumes from a key: each day prefix is listed in full, so files written out of key order are all seen.
/// Objects outside any date root (a prefix without a date layout) are found by the walk, on every run.
/// </summary>
internal sealed class S3Lister(S3Connection s3, S3Location source, S3Settings settings, DateOnly today)
{
    /// <summary>A root whose days to list exceed this is listed whole: fewer requests, the same objects.</summary>
    private const int MaxDaysByPrefix = 31;

    /// <summary>The walk gives up past this many prefixes without a date layout (a narrower prefix is needed).</summary>
    internal const int MaxPrefixesWalked = 100_000;

    private static readonly string[] SkippedFolders = ["CloudTrail-Digest/"];

    public async Task<S3Listing> ListAsync(S3SourceState state, bool reconcile, CancellationToken ct)
    {
        var listing = new S3Listing();
        if (source.IsObject)
        {
            // One object: the listing of its own key (and of keys it begins).
            await foreach (var page in Pages(source.Prefix, null, ct).ConfigureAwait(false))
            {
                listing.Objects.AddRange(page.Objects.Where(o => o.Key == source.Prefix).Select(o => new S3FoundObject(o, null, null, false)));
            }
            listing.Reconciled = true;
            return listing;
        }
        var found = await WalkAsync(state, listing, ct).ConfigureAwait(false);
        var roots = state.Roots.Values.Where(r => !listing.RemovedRoots.Contains(r.Prefix))
            .Select(r => (Prefix: r.Prefix, Pattern: r.Pattern, Known: (S3RootState?)r))
            .Concat(found.Select(f => (Prefix: f.Key, Pattern: f.Value, Known: (S3RootState?)null)))
            .ToList();
        var results = new ConcurrentBag<(S3RootListing Root, List<S3FoundObject> Objects, List<S3DayTotal> Days, int Prefixes)>();
        await Parallel.ForEachAsync(roots, new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = ct },
            async (root, token) => results.Add(await ListRootAsync(root.Prefix, root.Pattern, root.Known, reconcile, token).ConfigureAwait(false)))
            .ConfigureAwait(false);
        foreach (var (root, objects, days, prefixes) in results.OrderBy(r => r.Root.Prefix, StringComparer.Ordinal))
        {
            listing.Roots.Add(root);
            listing.Objects.AddRange(objects);
            listing.Days.AddRange(days);
            listing.DayPrefixesListed += prefixes;
        }
        listing.Reconciled = listing.Roots.All(r => r.Whole);
        return listing;
    }

    /// <summary>
    /// Lists the prefixes between the source and its date roots with a delimiter, level by level (each level's
    /// prefixes in parallel). Returns the new roots with their day layout; records objects met on the way, and the
    /// known roots that their parent no longer shows.
    /// </summary>
    private async Task<Dictionary<string, DayPattern>> WalkAsync(S3SourceState state, S3Listing listing, CancellationToken ct)
    {
        var newRoots = new ConcurrentDictionary<string, DayPattern>(StringComparer.Ordinal);
        if (state.Roots.ContainsKey(source.Prefix))
        {
            return [];
        }
        var seen = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var walked = new ConcurrentBag<string>();
        var loose = new ConcurrentBag<S3ListedObject>();
        var level = new List<string> { source.Prefix };
        while (level.Count > 0)
        {
            listing.PrefixesWalked += level.Count;
            if (listing.PrefixesWalked > MaxPrefixesWalked)
            {
                throw new S3Failure(S3FailureKind.Source,
                    $"more than {MaxPrefixesWalked:N0} prefixes without a date layout: name a narrower prefix (an account's or a region's)");
            }
            var next = new ConcurrentBag<string>();
            await Parallel.ForEachAsync(level, new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = ct },
                async (prefix, token) =>
                {
                    var children = new List<string>();
                    await foreach (var page in Pages(prefix, "/", token).ConfigureAwait(false))
                    {
                        children.AddRange(page.CommonPrefixes);
                        foreach (var o in page.Objects)
                        {
                            loose.Add(o);
                        }
                    }
                    walked.Add(prefix);
                    var patterns = children.Select(c => DayPattern.ForChild(c[prefix.Length..])).OfType<DayPattern>().ToList();
                    if (patterns.Count > 0)
                    {
                        newRoots[prefix] = patterns.GroupBy(p => p.Pattern).OrderByDescending(g => g.Count()).First().First();
                    }
                    foreach (var child in children)
                    {
                        var name = child[prefix.Length..];
                        seen[child] = true;
                        if (DayPattern.ForChild(name) is null && !SkippedFolders.Contains(name, StringComparer.Ordinal) && !state.Roots.ContainsKey(child))
                        {
                            next.Add(child);
                        }
                    }
                }).ConfigureAwait(false);
            level = [.. next.OrderBy(p => p, StringComparer.Ordinal)];
        }
        var walkedSet = walked.ToHashSet(StringComparer.Ordinal);
        listing.RemovedRoots.AddRange(state.Roots.Keys.Where(r => walkedSet.Contains(Parent(r)) && !seen.ContainsKey(r)));
        listing.Objects.AddRange(loose.Where(o => IsData(o.Key)).Select(o => new S3FoundObject(o, null, null, false)));
        return newRoots.ToDictionary(StringComparer.Ordinal);
    }

    private async Task<(S3RootListing, List<S3FoundObject>, List<S3DayTotal>, int)> ListRootAsync(
        string root, DayPattern pattern, S3RootState? known, bool reconcile, CancellationToken ct)
    {
        var from = known?.FirstDayToList(settings.LookbackDays);
        var through = known?.NewestDay is { } newest && newest > today ? newest : today;
        var whole = known is null || reconcile || through.DayNumber - from!.Value.DayNumber >= MaxDaysByPrefix;
        var objects = new List<S3FoundObject>();
        var prefixes = 0;
        if (whole)
        {
            prefixes = 1;
            await foreach (var page in Pages(root, null, ct).ConfigureAwait(false))
            {
                objects.AddRange(page.Objects.Where(o => IsData(o.Key)).Select(o =>
                {
                    var day = pattern.DayOf(o.Key[root.Length..]);
                    return new S3FoundObject(o, root, day, known is not null && day < from);
                }));
            }
        }
        else
        {
            for (var day = from!.Value; day <= through; day = day.AddDays(1))
            {
                prefixes++;
                var current = day;
                await foreach (var page in Pages(root + pattern.PrefixOf(day), null, ct).ConfigureAwait(false))
                {
                    objects.AddRange(page.Objects.Where(o => IsData(o.Key)).Select(o => new S3FoundObject(o, root, current, false)));
                }
            }
        }
        var days = objects.Where(o => o.Day is not null).GroupBy(o => o.Day!.Value)
            .Select(g => new S3DayTotal(root, g.Key, g.Count(), g.Sum(o => o.Object.Size), g.Max(o => o.Object.LastModified)))
            .ToList();
        var newestFound = days.Count == 0 ? (DateOnly?)null : days.Max(d => d.Day);
        var newestDay = Max(known?.NewestDay, newestFound);
        var listedThrough = known is not null && known.ListedThrough > through ? known.ListedThrough : through;
        return (new S3RootListing(root, pattern, known is null, whole, listedThrough, newestDay), objects, days, prefixes);
    }

    private async IAsyncEnumerable<S3ListPage> Pages(string prefix, string? delimiter,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        string? token = null;
        do
        {
            var page = await s3.ListAsync(source.Bucket, prefix, delimiter, token, ct).ConfigureAwait(false);
            yield return page;
            token = page.NextToken;
        }
        while (token is not null);
    }

    private static bool IsData(string key) => FileDiscovery.LooksLikeData(key[(key.LastIndexOf('/') + 1)..]) && !FileDiscovery.IsSeparateBody(key);

    private static string Parent(string prefix)
    {
        var trimmed = prefix.TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        return slash < 0 ? "" : trimmed[..(slash + 1)];
    }

    private static DateOnly? Max(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
