namespace DuckDetect.Core.Ingest;

/// <summary>
/// DuckDB expands <c>* ? [ ] { }</c> in file paths as globs. A file whose path holds one is handed to DuckDB
/// through a symbolic link with a plain name in a private temporary folder, removed when done.
/// </summary>
internal sealed class LinkFolder : IDisposable
{
    private static readonly char[] GlobCharacters = ['*', '?', '[', ']', '{', '}'];
    private string? _folder;
    private int _count;

    public PendingFile SafeForDuckDb(PendingFile file)
    {
        if (file.ReadPath.IndexOfAny(GlobCharacters) < 0)
        {
            return file;
        }
        _folder ??= Directory.CreateTempSubdirectory("duckdetect-links-").FullName;
        var link = Path.Combine(_folder, $"{_count++}{Extension(file.Path)}");
        File.CreateSymbolicLink(link, file.ReadPath);
        return file with { ReadPath = link };
    }

    private static string Extension(string path) =>
        path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? Path.GetExtension(path[..^3]) + ".gz" : Path.GetExtension(path);

    public void Dispose()
    {
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
