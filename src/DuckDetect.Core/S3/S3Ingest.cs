using Dapper;
using DuckDetect.Core.Ingest;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.S3;

/// <summary>
/// Ingest of <c>s3://</c> sources (docs/s3.md): each source is listed (<see cref="S3Lister"/>), the objects not yet
/// loaded with their ETag and size are fetched window by window into bounded temporary space, and each window goes
/// through the same batches as local files (one transaction per batch, each object recorded in
/// <c>ingested_files</c> with its events). The next window is fetched while one loads. The source's listing state
/// is saved once its objects are loaded. A source that cannot be listed is reported and skipped; the others go on.
/// </summary>
internal sealed class S3Ingest(DuckDbSession session, IStatusSink status, IngestOptions options, S3Settings settings,
    IngestSummary summary, S3Ingest.Loader loader)
{
    /// <summary>What ingest lends the S3 path: the batch load of local copies, the record of a failed object, the size estimate.</summary>
    internal sealed record Loader(Action<List<PendingFile>, LoadScope> Load, Action<PendingFile, string> RecordFailure);

    /// <summary>An object's estimated size once read, by its name: gzip and Parquet count ten times their size.</summary>
    public static long EstimatedBytes(PendingFile file) =>
        file.Path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) || file.Path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase)
            ? file.SizeBytes * 10
            : file.SizeBytes;

    public void Run(IReadOnlyList<S3Location> sources, CancellationToken ct)
    {
        S3Connection s3;
        try
        {
            s3 = S3Connection.Open(settings);
        }
        catch (S3Failure failure)
        {
            foreach (var source in sources)
            {
                SourceFailed(source, failure);
            }
            return;
        }
        using (s3)
        {
            status.Info($"s3: credentials from {s3.CredentialSource}, region {s3.Region}"
                + (settings.EndpointUrl is { } endpoint ? $", endpoint {endpoint} (path-style)" : ""));
            using var temp = new S3TempFolder(session.Path);
            foreach (var source in sources)
            {
                try
                {
                    RunSource(s3, source, temp, ct);
                }
                catch (S3Failure failure)
                {
                    // A listing that failed (after the retries of a transient error): the source is not read this run.
                    SourceFailed(source, failure);
                }
            }
            summary.S3ListRequests += s3.ListRequests;
            summary.S3GetRequests += s3.GetRequests;
            summary.S3BytesRead += s3.BytesRead;
        }
    }

    private void SourceFailed(S3Location source, S3Failure failure)
    {
        summary.S3SourceFailures.Add((source.Url, failure.Kind, failure.Message));
        status.Error($"{source.Url}: {failure.Message}");
    }

    private void RunSource(S3Connection s3, S3Location source, S3TempFolder temp, CancellationToken ct)
    {
        var (lists, gets, bytes) = (s3.ListRequests, s3.GetRequests, s3.BytesRead);
        var state = S3ListingState.Load(session.Connection, source);
        var now = DateTime.UtcNow;
        var reconcile = settings.Reconcile || state.LastReconciledAt is not { } last || now - last >= settings.ReconcileInterval;
        var lister = new S3Lister(s3, source, settings, DateOnly.FromDateTime(now));
        var listing = StepTrace.Step("ingest: list " + source.Url, () => lister.ListAsync(state, reconcile, ct).GetAwaiter().GetResult());
        summary.FilesListed += listing.Objects.Count;
        using var memoryLimit = MemoryLimit.Keep(session.Connection);
        MemoryLimit.Set(session.Connection, Math.Min(session.MemoryCeiling, IngestOptions.ListingMemoryFor(listing.Objects.Count)));
        var (pending, late) = StepTrace.Step("ingest: skip unchanged objects", () => FindPending(source, listing));
        // Objects failed before and not listed now have no ETag yet: they are not of this listing.
        var unchanged = listing.Objects.Count - pending.Count(p => p.ETag is not null);
        summary.FilesUnchanged += unchanged;
        var loadedBefore = summary.FilesLoaded;
        var failedBefore = summary.Failures.Count;
        LoadWindows(s3, source, temp, DeliveryOrder.Sort(pending), ct);
        var figures = new S3SourceFigures
        {
            Source = source.Url,
            ListRequests = s3.ListRequests - lists,
            GetRequests = s3.GetRequests - gets,
            BytesRead = s3.BytesRead - bytes,
            ObjectsListed = listing.Objects.Count,
            ObjectsUnchanged = unchanged,
            ObjectsLoaded = summary.FilesLoaded - loadedBefore,
            ObjectsFailed = summary.Failures.Count - failedBefore,
            ObjectsFoundLate = late,
            Reconciled = listing.Reconciled,
            DateRoots = listing.Roots.Count,
            DayPrefixesListed = listing.DayPrefixesListed,
        };
        session.InTransaction(tx =>
        {
            S3ListingState.Save(session.Connection, tx, source, settings.EndpointUrl, listing, figures, now);
            return 0;
        });
        summary.S3Sources.Add(figures);
        Report(figures, listing);
    }

    /// <summary>
    /// The listed objects that need reading (new, re-uploaded, or not loaded last time), and those of the source
    /// that failed before and were not listed this run (their day prefix is past the lookback): tried again on
    /// every run. Also how many of the new ones a whole listing found before the lookback.
    /// </summary>
    private (List<PendingFile> Pending, int Late) FindPending(S3Location source, S3Listing listing)
    {
        var connection = session.Connection;
        var objects = listing.Objects;
        var paths = objects.Select(o => S3Location.ObjectPath(source.Bucket, o.Object.Key)).ToList();
        connection.Execute(SqlScripts.Get("ingest/s3/listing_table.sql"));
        connection.Execute(
            "INSERT INTO s3_listing SELECT unnest($paths), unnest($ranks), unnest($sizes), unnest($etags)",
            new
            {
                paths = ListParameter.Of(paths),
                ranks = ListParameter.Of(Enumerable.Range(0, objects.Count)),
                sizes = ListParameter.Of(objects.Select(o => o.Object.Size)),
                etags = ListParameter.Of(objects.Select(o => o.Object.ETag)),
            });
        var ranks = connection.Query<int>(SqlScripts.Get("ingest/s3/pending_objects.sql")).AsList();
        connection.Execute("DROP TABLE IF EXISTS s3_listing");
        var pending = ranks.Select(r => new PendingFile(paths[r], objects[r].Object.Size,
            new DateTimeOffset(objects[r].Object.LastModified, TimeSpan.Zero)) { ETag = objects[r].Object.ETag }).ToList();
        var listed = paths.ToHashSet(StringComparer.Ordinal);
        pending.AddRange(connection.Query<S3RetryRow>(SqlScripts.Get("ingest/s3/retry_objects.sql"), new { source = source.Url })
            .Where(r => !listed.Contains(r.Path))
            .Select(r => new PendingFile(r.Path, r.SizeBytes, new DateTimeOffset(DateTime.SpecifyKind(r.ModifiedAt, DateTimeKind.Utc), TimeSpan.Zero))));
        return (pending, ranks.Count(r => objects[r].BeforeLookback));
    }

    /// <summary>
    /// Fetches the objects in windows of up to one batch (at most two windows on disk: the one loading and the next)
    /// and loads each window as local files are loaded.
    /// </summary>
    private void LoadWindows(S3Connection s3, S3Location source, S3TempFolder temp, List<PendingFile> pending, CancellationToken ct)
    {
        if (pending.Count == 0)
        {
            return;
        }
        var estimated = pending.Sum(EstimatedBytes);
        var scope = new LoadScope(estimated >= options.LargeLoadBytes, options.BatchBytesFor(pending.Max(EstimatedBytes)));
        // The first windows grow from an eighth of a batch: loading starts after a short fetch, and each window loads
        // while the next, twice its size, is fetched (a whole batch fetched first left DuckDB idle for its fetch: the
        // benchmark's 5,184 objects took 42-80 s that way, 27-63 s with the ramp, in interleaved pairs).
        var windows = FileGroups.BySize(pending, EstimatedBytes, scope.BatchBytes, options.BatchFiles, ramp: 3).ToList();
        temp.Choose(2 * windows.Max(w => w.Sum(p => p.SizeBytes)));
        var fetcher = new S3Fetcher(s3, source.Bucket, temp, settings.Parallelism);
        var totalBytes = pending.Sum(p => p.SizeBytes);
        long doneBytes = 0;
        var done = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var next = fetcher.FetchAsync(windows[0], stop.Token);
        try
        {
            FetchAndLoad();
        }
        catch (Exception ex) when (StorageFailure.IsDiskFull(ex) && ex is not DuckDetectException)
        {
            throw new DuckDetectException(FailureKind.DiskFull,
                $"the temporary folder {temp.Path} is full: fetching one batch of objects needs about "
                + $"{MemorySize.Describe(2 * windows.Max(w => w.Sum(p => p.SizeBytes)))} there. Free space there, point TMPDIR at a larger disk "
                + "(with DUCKDETECT_S3_TEMP=disk) or lower --batch-mb, and run again: what was committed stays", ex);
        }
        finally
        {
            stop.Cancel();
            try
            {
                next.GetAwaiter().GetResult();
            }
            catch (Exception ex) when (ex is OperationCanceledException or S3Failure || StorageFailure.IsDiskFull(ex))
            {
                // The window after a failure is not loaded: the temporary folder goes with the call.
            }
        }

        void FetchAndLoad()
        {
            for (var i = 0; i < windows.Count; i++)
            {
                var fetched = StepTrace.Step("ingest: fetch window", () => next.GetAwaiter().GetResult());
                next = i + 1 < windows.Count ? fetcher.FetchAsync(windows[i + 1], stop.Token) : Task.FromResult<S3FetchedWindow>(new([], [], []));
                TestHold.At("after-fetch");
                foreach (var (file, reason) in fetched.Failed)
                {
                    loader.RecordFailure(file, reason);
                }
                foreach (var file in fetched.Gone)
                {
                    session.Connection.Execute(SqlScripts.Get("ingest/s3/forget_object.sql"), new { path = file.Path });
                    status.Warn($"{file.Path}: no longer exists (deleted after it was listed), skipped");
                }
                if (fetched.Files.Count > 0)
                {
                    loader.Load(fetched.Files, scope);
                }
                S3TempFolder.Remove(fetched.Files.Select(f => f.ReadPath));
                done += windows[i].Count;
                doneBytes += windows[i].Sum(p => p.SizeBytes);
                status.Progress("ingest s3", done, pending.Count, $"{Amount(doneBytes, totalBytes)}, {summary.EventsNew:N0} new events");
            }
        }
    }

    /// <summary>"12 of 345 KB", "1.2 of 34.5 MB": the unit of the total.</summary>
    private static string Amount(long done, long total) => total >= 1_000_000
        ? $"{done / 1e6:N1} of {total / 1e6:N1} MB"
        : $"{done / 1e3:N0} of {total / 1e3:N0} KB";

    private void Report(S3SourceFigures f, S3Listing listing)
    {
        if (f.ObjectsFoundLate > 0)
        {
            status.Warn($"{f.Source}: reconciliation found {f.ObjectsFoundLate} new object(s) under day prefixes before the lookback "
                + $"({settings.LookbackDays} day(s)); a longer --lookback-days finds such objects on the run after they arrive");
        }
        var how = f.Reconciled ? "listed whole (reconciliation)" : $"{f.DayPrefixesListed} day prefix(es) listed";
        status.Info($"{f.Source}: {f.DateRoots} date root(s), {how}, {listing.PrefixesWalked} prefix(es) walked; "
            + $"{f.ObjectsListed:N0} object(s) listed, {f.ObjectsUnchanged:N0} unchanged, {f.ObjectsLoaded:N0} loaded, {f.ObjectsFailed:N0} failed; "
            + $"{f.ListRequests:N0} LIST and {f.GetRequests:N0} GET request(s), {f.BytesRead / 1e6:N1} MB read, "
            + $"about ${f.RequestCostUsd:0.######} in requests (us-east-1 prices)");
    }
}
