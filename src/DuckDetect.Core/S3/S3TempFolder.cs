using System.Security.Cryptography;
using System.Text;

namespace DuckDetect.Core.S3;

/// <summary>
/// Where fetched objects wait for their batch: a folder of the job's database under the system's temporary folder
/// (<c>$TMPDIR/duckdetect-s3-HASH</c>). Only the run holding that database's lock uses it, so whatever a crashed run
/// left there is removed when the next run starts; each window's files are removed once their batches committed,
/// and the folder itself when the call ends.
/// </summary>
internal sealed class S3TempFolder : IDisposable
{
    private int _count;

    public S3TempFolder(string databasePath)
    {
        Path = PathFor(databasePath);
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public static string PathFor(string databasePath) => System.IO.Path.Combine(System.IO.Path.GetTempPath(),
        "duckdetect-s3-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(System.IO.Path.GetFullPath(databasePath))))[..16]);

    /// <summary>A new file name for an object, with the object's extensions (<c>.json.gz</c>, <c>.parquet</c>) for whoever looks.</summary>
    public string NewFile(string key)
    {
        var name = key[(key.LastIndexOf('/') + 1)..];
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var extension = dot < 0 ? "" : new string(name[dot..].Where(c => char.IsAsciiLetterOrDigit(c) || c == '.').Take(32).ToArray());
        return System.IO.Path.Combine(Path, Interlocked.Increment(ref _count).ToString(System.Globalization.CultureInfo.InvariantCulture) + extension);
    }

    public static void Remove(IEnumerable<string> files)
    {
        foreach (var file in files)
        {
            File.Delete(file);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
