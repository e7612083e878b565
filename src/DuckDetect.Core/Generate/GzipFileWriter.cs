using System.Collections.Concurrent;
using System.IO.Compression;

namespace DuckDetect.Core.Generate;

/// <summary>
/// Gzips documents into files on two background threads, so that compressing one day overlaps with DuckDB
/// making the next. .NET's gzip (zlib-ng) at level 5 is several times faster than DuckDB's COPY compression,
/// as small as level 6 on this data, and gives the same bytes for the same input.
/// </summary>
internal sealed class GzipFileWriter : IDisposable
{
    private const int Workers = 2;
    private const int Level = 5;

    /// <summary>Documents waiting: bounds the memory held when DuckDB is faster than compression.</summary>
    private readonly BlockingCollection<(string Path, byte[] Content)> _queue = new(boundedCapacity: 512);
    private readonly CancellationTokenSource _failed = new();
    private readonly Task[] _workers;
    private Exception? _error;

    public GzipFileWriter() =>
        _workers = Enumerable.Range(0, Workers).Select(_ => Task.Factory.StartNew(Work, TaskCreationOptions.LongRunning)).ToArray();

    /// <summary>Queues a document; blocks while the queue is full. Throws if a worker has failed.</summary>
    public void Add(string path, byte[] content, CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _failed.Token);
        try
        {
            _queue.Add((path, content), linked.Token);
        }
        catch (OperationCanceledException) when (_failed.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            ThrowIfFailed();
        }
    }

    /// <summary>
    /// Queues every row of <paramref name="reader"/> (relative path, records, document text, as the generate SQL names
    /// them) under <paramref name="folder"/>; returns the files and records queued.
    /// </summary>
    public WrittenFiles AddAll(System.Data.IDataReader reader, string folder, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var files = 0;
        long records = 0;
        while (reader.Read())
        {
            ct.ThrowIfCancellationRequested();
            Add(Path.Combine(folder, reader.GetString(0)), System.Text.Encoding.UTF8.GetBytes(reader.GetString(2)), ct);
            files++;
            records += reader.GetInt64(1);
        }
        return new WrittenFiles(files, records);
    }

    /// <summary>Waits until every queued document is written; rethrows a worker's failure.</summary>
    public void Complete()
    {
        _queue.CompleteAdding();
        Task.WaitAll(_workers);
        ThrowIfFailed();
    }

    private void Work()
    {
        try
        {
            foreach (var (path, content) in _queue.GetConsumingEnumerable(_failed.Token))
            {
                Write(path, content);
            }
        }
        catch (OperationCanceledException) when (_failed.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            Interlocked.CompareExchange(ref _error, ex, null);
            _failed.Cancel();
        }
    }

    /// <summary>Writes to a temporary name first, so that an interrupted run leaves no truncated file.</summary>
    private static void Write(string path, byte[] content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = path + ".partial";
        using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (var gzip = new GZipStream(file, new ZLibCompressionOptions { CompressionLevel = Level }))
        {
            gzip.Write(content);
        }
        File.Move(partial, path, overwrite: true);
    }

    private void ThrowIfFailed()
    {
        if (_error is not null)
        {
            throw new IOException($"Writing a generated file failed: {_error.Message}", _error);
        }
    }

    public void Dispose()
    {
        if (!_queue.IsAddingCompleted)
        {
            _failed.Cancel();
            _queue.CompleteAdding();
            try
            {
                Task.WaitAll(_workers);
            }
            catch (AggregateException)
            {
                // Already failing or interrupted: the first error is the one reported.
            }
        }
        _queue.Dispose();
        _failed.Dispose();
    }
}
