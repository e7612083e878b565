using System.Diagnostics;
using Dapper;
using DuckDB.NET.Data;
using DuckDetect.Core.S3;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Ingest;

/// <summary>
/// Loads CloudTrail files into <c>cloudtrail_events</c>: lists the paths, skips files already loaded and unchanged,
/// recognises each file's shape, and lets DuckDB read the files in batches, one transaction per batch.
/// A batch that fails is split so that every good file still loads and each bad one is reported on its own.
/// </summary>
public sealed class Ingestor(DuckDbSession session, IStatusSink status, IngestOptions? options = null, S3Settings? s3 = null)
{
    private readonly IngestOptions _options = options ?? new IngestOptions();
    private readonly S3Settings _s3 = s3 ?? new S3Settings();
    private SeparateBodies _bodies = null!;

    public IngestSummary Run(IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var startedAt = DateTime.UtcNow;
        var arguments = paths.ToList();
        // S3 arguments are checked before anything is read: a malformed one stops the call (exit 64).
        var sources = arguments.Where(S3Location.IsS3).Select(S3Location.Parse).Distinct().ToList();
        var local = arguments.Where(a => !S3Location.IsS3(a)).ToList();
        var summary = new IngestSummary();
        using var links = new LinkFolder();
        using var bodies = _bodies = new SeparateBodies(_s3, session.Path);
        // Nothing ingest reads needs DuckDB to keep rows in the order read (JSON rows go in as read, a Parquet batch is
        // sorted by the insert): without that order DuckDB reads files in parallel freely, about 2.5x faster and with a
        // fifth of the memory.
        session.Connection.Execute("SET preserve_insertion_order = false");
        try
        {
            if (_options.RetryBodies)
            {
                // Before the call's files: the records those load are read, or not, once.
                summary.SeparateBodiesRetried = SeparateBodyRetry.Run(session, bodies, status, _options.KeepText);
            }
            if (local.Count > 0 || sources.Count == 0)
            {
                RunLocal(local, summary, links, cancellationToken);
            }
            if (sources.Count > 0)
            {
                new S3Ingest(session, status, _options, _s3, summary, new S3Ingest.Loader(
                    (files, scope) => LoadAll(summary, links, files, cancellationToken, scope),
                    (file, reason) => RecordFailure(file, reason, summary))).Run(sources, cancellationToken);
            }
        }
        finally
        {
            session.Connection.Execute("RESET preserve_insertion_order");
        }
        (var gets, var bytes) = bodies.Requests;
        summary.S3GetRequests += gets;
        summary.S3BytesRead += bytes;
        InvocationMatching.Run(session, summary);
        summary.Elapsed = clock.Elapsed;
        IngestRunLog.Record(session, summary, startedAt);
        return summary;
    }

    private void RunLocal(List<string> paths, IngestSummary summary, LinkFolder links, CancellationToken cancellationToken)
    {
        var listing = StepTrace.Step("ingest: folder records", () => FolderListing.Load(
            session.Connection, FolderTimeTrust.FromSystem(), _options.FullListing, _options.SettleTime));
        var discovered = StepTrace.Step("ingest: discover files", () => FileDiscovery.Discover(paths, listing));
        summary.FoldersSkipped = listing.FoldersSkipped;
        summary.FoldersRead = listing.FoldersRead;
        StepTrace.Note($"ingest: {listing.FoldersSkipped} folder(s) unchanged and skipped ({listing.FilesSkipped} file(s)), {listing.FoldersRead} read");
        foreach (var warning in discovered.Warnings)
        {
            status.Warn(warning);
        }
        foreach (var (path, reason) in discovered.Problems)
        {
            Fail(summary, path, reason);
        }
        summary.FilesListed += discovered.Files.Count + (int)listing.FilesSkipped;
        var listed = StepTrace.Step("ingest: stat listed files", () => Stat(discovered.Files, summary));
        using var memoryLimit = MemoryLimit.Keep(session.Connection);
        MemoryLimit.Set(session.Connection, Math.Min(session.MemoryCeiling, IngestOptions.ListingMemoryFor(listed.Count)));
        var pending = StepTrace.Step("ingest: skip unchanged", () => FindPending(listed, summary));
        summary.FilesUnchanged += (int)listing.FilesSkipped;
        if (summary.FilesUnchanged > 0)
        {
            status.Info($"{summary.FilesUnchanged} file(s) already loaded and unchanged, skipped");
        }
        LoadAll(summary, links, pending, cancellationToken);
        StepTrace.Step("ingest: save folder records", () => session.InTransaction(
            tx =>
        {
            var unlisted = discovered.Files.Except(listed.Select(f => f.Path), StringComparer.Ordinal);
            listing.Save(session.Connection, listed, unlisted, discovered.Roots, tx);
            return 0;
        }));
    }

    /// <summary>
    /// Sniffs every file and plans the batches; then verifies each batch (fingerprint, whole gzip streams) and loads
    /// it. Verifying the next batch while DuckDB loads one was tried: on two cores it slowed DuckDB down by more
    /// than it saved.
    /// </summary>
    /// <remarks>
    /// <paramref name="scope"/> is given for a part of a larger load (a window of S3 objects): whether the whole load
    /// is large, its batch size, and no progress of its own (the caller reports the whole load's).
    /// </remarks>
    private void LoadAll(IngestSummary summary, LinkFolder links, List<PendingFile> pending, CancellationToken cancellationToken,
        LoadScope? scope = null)
    {
        var sniffed = StepTrace.Step("ingest: sniff", () => FileChecks.Sniff(pending, cancellationToken));
        RecordFailures(sniffed.Failed, summary);
        var readable = new List<PendingFile>(sniffed.Passed.Count);
        foreach (var file in sniffed.Passed)
        {
            if (file.Sniff!.Format == FileFormat.Empty)
            {
                RecordEmpty(file, summary);
            }
            else
            {
                readable.Add(links.SafeForDuckDb(file));
            }
        }
        // A load of a row group's worth or more checks its batches under DuckDB's usual memory (BatchMemory). The
        // partly filled row groups its batches leave stay as they are: merging them rewrote the whole load
        // (VacuumSchedule).
        var large = scope?.Large ?? readable.Sum(EstimatedBytes) >= _options.LargeLoadBytes;
        var done = 0;
        var left = readable.Sum(EstimatedBytes);
        var batchBytes = scope?.BatchBytes ?? _options.BatchBytesFor(readable.Count == 0 ? 0 : readable.Max(EstimatedBytes));
        // Invocation log files load in batches of their own (InvocationLoad), after the CloudTrail files.
        var batches = FileGroups.BySize(DeliveryOrder.Sort(readable.Where(f => !InvocationLoad.Holds(f))), EstimatedBytes, batchBytes, _options.BatchFiles)
            .Concat(FileGroups.BySize(DeliveryOrder.Sort(readable.Where(InvocationLoad.Holds)), EstimatedBytes, batchBytes, _options.BatchFiles));
        foreach (var batch in batches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var verified = StepTrace.Step("ingest: verify", () => FileChecks.Verify(batch, cancellationToken));
            RecordFailures(verified.Failed, summary);
            if (verified.Passed.Count > 0)
            {
                var largest = verified.Passed.Max(f => f.ContentBytes);
                var memory = BatchMemory.Within(IngestOptions.MemoryLimitFor(largest, BatchSql.MaxObjectSize(verified.Passed), batchBytes),
                    large ? null : IngestOptions.CheckMemoryFor(largest), session.MemoryCeiling);
                try
                {
                    LoadBatch(verified.Passed, summary, memory);
                }
                catch (Exception ex) when (StorageFailure.IsDiskFull(ex))
                {
                    // The batch rolled back whole; what earlier batches committed stays.
                    throw StorageFailure.DiskFull(ex, session.Path, $"the rest of this load holds about {MemorySize.Describe(left)} of records");
                }
            }
            done += batch.Count;
            left -= batch.Sum(EstimatedBytes);
            if (scope is null)
            {
                status.Progress("ingest", done, readable.Count, $"{summary.EventsNew:N0} new events");
            }
        }
    }

    private List<PendingFile> Stat(IReadOnlyList<string> files, IngestSummary summary)
    {
        var listed = new List<PendingFile>(files.Count);
        foreach (var path in files)
        {
            try
            {
                var info = new FileInfo(path);
                if (info.Attributes.HasFlag(FileAttributes.ReparsePoint)
                    && new FileInfo(FileDiscovery.RealPath(path)) is { Exists: true } target)
                {
                    // .NET gives a symbolic link's own size and time: the unchanged check needs its target's.
                    // A dangling link keeps its own, and fails (recorded) when it is read.
                    info = target;
                }
                listed.Add(new PendingFile(path, info.Length, new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Fail(summary, path, $"cannot be read: {ex.Message}");
            }
        }
        return listed;
    }

    private List<PendingFile> FindPending(List<PendingFile> listed, IngestSummary summary)
    {
        var connection = session.Connection;
        connection.Execute(SqlScripts.Get("ingest/listing_table.sql"));
        connection.Execute(
            "INSERT INTO ingest_listing SELECT unnest($paths), unnest($ranks), unnest($sizes), unnest($times)",
            new
            {
                paths = ListParameter.Of(listed.Select(f => f.Path)),
                ranks = ListParameter.Of(Enumerable.Range(0, listed.Count)),
                sizes = ListParameter.Of(listed.Select(f => f.SizeBytes)),
                times = ListParameter.Of(listed.Select(f => f.ModifiedAt.UtcDateTime)),
            });
        var needed = connection.Query<string>("SELECT path FROM (" + SqlScripts.Get("ingest/pending_files.sql") + ")")
            .ToHashSet(StringComparer.Ordinal);
        connection.Execute("DROP TABLE IF EXISTS ingest_listing");
        var pending = listed.Where(f => needed.Contains(f.Path)).ToList();
        summary.FilesUnchanged += listed.Count - pending.Count; // a file that failed above is not unchanged
        return pending;
    }

    /// <summary>A file's size once read: compressed input (gzip, Parquet) takes about ten times its size.</summary>
    private static long EstimatedBytes(PendingFile file) =>
        file.Sniff is null ? S3Ingest.EstimatedBytes(file)
        : file.Sniff.Gzip || file.Sniff.Format == FileFormat.Parquet ? file.SizeBytes * 10 : file.SizeBytes;

    private void LoadBatch(List<PendingFile> batch, IngestSummary summary, BatchMemory memory)
    {
        IReadOnlyList<FileOutcome> outcomes;
        try
        {
            outcomes = StepTrace.Step("ingest: whole batch", () => Load(batch, summary, memory));
        }
        catch (DuckDBException ex) when (StorageFailure.IsOutOfMemory(ex))
        {
            LoadWithMoreMemory(batch, summary, memory, ex);
            return;
        }
        catch (Exception ex) when ((ex is DuckDBException or InvalidDataException) && !StorageFailure.IsDiskFull(ex))
        {
            if (batch.Count > 1)
            {
                // Halve until the bad files stand alone: a few bad files cost a few extra reads, not one per file.
                var half = batch.Count / 2;
                LoadBatch(batch[..half], summary, memory);
                LoadBatch(batch[half..], summary, memory);
                return;
            }
            // DuckDB names the path it read: a file with glob characters is read through a link.
            var reason = Reason(ex).Replace(batch[0].ReadPath, batch[0].Path, StringComparison.Ordinal);
            RecordFailure(batch[0], InvocationLoad.Holds(batch[0]) ? InvocationLines.FailureReason(batch[0], reason) : reason, summary);
            return;
        }
        foreach (var outcome in outcomes)
        {
            if (InvocationLoad.Holds(batch[0]))
            {
                InvocationAccount.Add(outcome, batch.First(f => f.Path == outcome.Path), summary, status);
            }
            else
            {
                Account(outcome, summary);
            }
        }
    }

    /// <summary>
    /// After DuckDB ran out of memory on a batch (rolled back whole): the batch again with more memory, up to the
    /// session's ceiling; at the ceiling, each half on its own; a single file that does not fit even then is left for
    /// the next run (not marked failed: the file is not at fault) and reported as a resource failure.
    /// </summary>
    private void LoadWithMoreMemory(List<PendingFile> batch, IngestSummary summary, BatchMemory memory, DuckDBException ex)
    {
        if (memory.Larger() is { } larger)
        {
            StepTrace.Note($"ingest: out of memory on a batch of {batch.Count} file(s); again with {MemorySize.Describe(larger.Read)}");
            LoadBatch(batch, summary, larger);
            return;
        }
        if (batch.Count > 1)
        {
            var half = batch.Count / 2;
            LoadBatch(batch[..half], summary, memory);
            LoadBatch(batch[half..], summary, memory);
            return;
        }
        var reason = $"not loaded: DuckDB ran out of memory reading it under a limit of {MemorySize.Describe(memory.Ceiling)} " +
            $"({DuckDbSession.FirstLine(ex.Message)}); the file is not at fault and is read again by the next run: " +
            $"raise --memory-limit ({DuckDbSession.MemoryVariable}) or free memory";
        summary.Deferred.Add((batch[0].Path, reason));
        status.Error($"{batch[0].Path}: {reason}");
    }

    /// <summary>The direct load first; the exact one when the batch holds anything but new, valid, distinct events.</summary>
    private IReadOnlyList<FileOutcome> Load(List<PendingFile> batch, IngestSummary summary, BatchMemory memory)
    {
        if (InvocationLoad.Holds(batch[0]))
        {
            _bodies.Warning = null;
            var loaded = session.InTransaction(tx => InvocationLoad.Load(session.Connection, tx, batch, memory, _options.KeepText, _bodies));
            if (_bodies.Warning is { } warning)
            {
                status.Warn(warning);
            }
            return loaded;
        }
        if (!_options.ExactOnly)
        {
            try
            {
                return session.InTransaction(tx => BatchLoad.Direct(session.Connection, tx, batch, memory));
            }
            catch (NotDirectException)
            {
                StepTrace.Note($"ingest: batch of {batch.Count} file(s) loaded again the exact way");
            }
        }
        var outcomes = session.InTransaction(tx => BatchLoad.Exact(session.Connection, tx, batch, memory));
        summary.ExactLoads++;
        return outcomes;
    }

    private void Account(FileOutcome outcome, IngestSummary summary)
    {
        if (outcome.Status == "failed")
        {
            Fail(summary, outcome.Path, outcome.Error ?? "failed");
            return;
        }
        summary.FilesLoaded++;
        summary.EventsRead += outcome.EventsRead;
        summary.EventsNew += outcome.EventsNew;
        summary.EventsSkipped += outcome.EventsSkipped;
        if (outcome.EventsSkipped > 0)
        {
            status.Warn($"{outcome.Path}: {outcome.EventsSkipped} of {outcome.EventsRead} record(s) skipped, without eventID or with no valid eventTime");
        }
    }

    private void RecordFailures(List<(PendingFile File, string Reason)> failures, IngestSummary summary)
    {
        foreach (var (file, reason) in failures)
        {
            RecordFailure(file, reason, summary);
        }
    }

    private void RecordFailure(PendingFile file, string reason, IngestSummary summary)
    {
        // A message that names the local copy of an object names the object instead.
        reason = file.ReadPath == file.Path ? reason : reason.Replace(file.ReadPath, file.Path, StringComparison.Ordinal);
        session.Connection.Execute(SqlScripts.Get("ingest/record_failure.sql"), new
        {
            path = file.Path,
            size_bytes = file.SizeBytes,
            modified_at = file.ModifiedAt.UtcDateTime,
            fingerprint = file.Fingerprint,
            format = file.FormatName,
            error = reason,
            now = DateTime.UtcNow,
        });
        Fail(summary, file.Path, reason);
    }

    private void RecordEmpty(PendingFile file, IngestSummary summary)
    {
        session.Connection.Execute(SqlScripts.Get("ingest/record_empty.sql"), new
        {
            path = file.Path,
            size_bytes = file.SizeBytes,
            modified_at = file.ModifiedAt.UtcDateTime,
            fingerprint = file.Fingerprint,
            format = file.FormatName,
            now = DateTime.UtcNow,
        });
        summary.FilesLoaded++;
        status.Warn($"{file.Path}: empty file, no events");
    }

    private void Fail(IngestSummary summary, string path, string reason)
    {
        summary.Failures.Add((path, reason));
        status.Error($"{path}: {reason}");
    }

    private static string Reason(Exception ex)
    {
        var message = DuckDbSession.FirstLine(ex.Message);
        return message.StartsWith("Invalid Input Error: ", StringComparison.Ordinal) ? message["Invalid Input Error: ".Length..] : message;
    }
}
