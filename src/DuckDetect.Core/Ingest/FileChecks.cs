using System.Security.Cryptography;

namespace DuckDetect.Core.Ingest;

/// <summary>Files that passed a check, and those that did not with the reason.</summary>
internal sealed record CheckedFiles(List<PendingFile> Passed, List<(PendingFile File, string Reason)> Failed);

/// <summary>
/// What ingest looks at before DuckDB reads a file, in two steps run in parallel over the files.
/// <see cref="Sniff"/> reads each file's first bytes for its shape, which the batches are planned from;
/// <see cref="Verify"/> fingerprints each file of a batch and checks each gzip stream whole, just before DuckDB reads
/// the batch.
/// </summary>
internal static class FileChecks
{
    private const int Parallelism = 2;

    private static readonly string EmptyFingerprint = "sha256:" + Convert.ToHexStringLower(SHA256.HashData([]));

    public static CheckedFiles Sniff(IReadOnlyList<PendingFile> files, CancellationToken ct) => Each(files, ct, file =>
    {
        if (file.SizeBytes == 0)
        {
            // Nothing to read, so never opened: a FIFO or a device (/dev/zero) also says 0 bytes, and reading one
            // would block or never end.
            return file with { Fingerprint = file.ObjectFingerprint ?? EmptyFingerprint, Sniff = new SniffResult(FileFormat.Empty, false) };
        }
        try
        {
            file = file with { Sniff = FileSniffer.Sniff(file.ReadPath) };
            if (file.Sniff is { Format: FileFormat.Empty, Gzip: true })
            {
                // No batch reads an empty file, so it is verified (and fingerprinted) here: a gzip stream cut off
                // before its content is truncated, not empty.
                file = VerifyFile(file);
            }
            return file;
        }
        catch (InvalidDataException ex)
        {
            // A file that was read but is not usable keeps its fingerprint in ingested_files.
            throw new FileCheckException(file with { Fingerprint = file.ObjectFingerprint ?? TryFingerprint(file.ReadPath) }, ex.Message);
        }
    });

    public static CheckedFiles Verify(IReadOnlyList<PendingFile> files, CancellationToken ct) => Each(files, ct, VerifyFile);

    /// <summary>Fingerprints the file and, for gzip, checks the stream whole and learns its decompressed size.</summary>
    private static PendingFile VerifyFile(PendingFile file)
    {
        using var stream = Open(file.ReadPath);
        file = file with { Fingerprint = file.ObjectFingerprint ?? Fingerprint(stream) };
        if (file.Sniff is { Gzip: true })
        {
            try
            {
                file = file with { ContentBytes = GzipIntegrity.Verify(stream) };
            }
            catch (InvalidDataException ex)
            {
                throw new FileCheckException(file, ex.Message);
            }
        }
        return file;
    }

    private static CheckedFiles Each(IReadOnlyList<PendingFile> files, CancellationToken ct, Func<PendingFile, PendingFile> check)
    {
        var passed = new PendingFile?[files.Count];
        var failed = new (PendingFile File, string Reason)?[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, i =>
        {
            try
            {
                passed[i] = check(files[i]);
            }
            catch (FileCheckException ex)
            {
                failed[i] = (ex.File, ex.Message);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                failed[i] = (files[i], $"cannot be read: {ex.Message}");
            }
        });
        return new CheckedFiles(
            passed.OfType<PendingFile>().ToList(),
            failed.Where(f => f is not null).Select(f => f!.Value).ToList());
    }

    private static FileStream Open(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);

    private static string Fingerprint(Stream stream) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(stream));

    private static string? TryFingerprint(string path)
    {
        try
        {
            using var stream = Open(path);
            return Fingerprint(stream);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>A check failed on a file that the caller records with what was learned of it (its fingerprint).</summary>
    private sealed class FileCheckException(PendingFile file, string reason) : Exception(reason)
    {
        public PendingFile File { get; } = file;
    }
}
