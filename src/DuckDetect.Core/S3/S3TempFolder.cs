using System.Security.Cryptography;
using System.Text;

namespace DuckDetect.Core.S3;

/// <summary>
/// Where fetched objects wait for their batch: a folder of the job's database, <c>duckdetect-s3-HASH</c>, in memory
/// (<c>/dev/shm</c>) when the call's temporary bytes fit in <see cref="MemoryBytes"/> there, else under the system's
/// temporary folder (<c>$TMPDIR</c>, <c>/tmp</c>). A file system's cost of creating and removing a file per object
/// (an ext4 journal) doubled the time of a fetch of small objects; tmpfs costs nothing. Only the run holding that
/// database's lock uses the folder, so whatever a crashed run left in either place is removed when the next run
/// starts; each window's files are removed once their batches committed, and the folder when the call ends.
/// </summary>
internal sealed class S3TempFolder : IDisposable
{
    /// <summary>The most a call keeps in memory-backed temporary space (two windows of objects).</summary>
    internal const long MemoryBytes = 512L << 20;

    private const string SharedMemory = "/dev/shm";

    private readonly string _databasePath;
    private int _count;

    public S3TempFolder(string databasePath)
    {
        _databasePath = databasePath;
        Remove();
        Path = PathFor(databasePath);
    }

    /// <summary>Where the next files go (<see cref="Choose"/>).</summary>
    public string Path { get; private set; }

    /// <summary>Picks the place for a load whose files on disk at once may reach <paramref name="peakBytes"/>.</summary>
    public void Choose(long peakBytes)
    {
        Path = InMemory(peakBytes) ? InMemoryPath(_databasePath) : PathFor(_databasePath);
        Directory.CreateDirectory(Path);
    }

    /// <summary>The folder on disk (under the system's temporary folder) for the database at <paramref name="databasePath"/>.</summary>
    public static string PathFor(string databasePath) => System.IO.Path.Combine(System.IO.Path.GetTempPath(), Name(databasePath));

    /// <summary>Both places a call may have used, for the next call to clean.</summary>
    public static IEnumerable<string> Candidates(string databasePath) => [PathFor(databasePath), InMemoryPath(databasePath)];

    private static string InMemoryPath(string databasePath) => System.IO.Path.Combine(SharedMemory, Name(databasePath));

    private static string Name(string databasePath) =>
        "duckdetect-s3-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(System.IO.Path.GetFullPath(databasePath))))[..16];

    private static bool InMemory(long peakBytes)
    {
        if (peakBytes > MemoryBytes || !OperatingSystem.IsLinux() || !Directory.Exists(SharedMemory)
            || Environment.GetEnvironmentVariable("DUCKDETECT_S3_TEMP") is "disk")
        {
            return false;
        }
        try
        {
            return new DriveInfo(SharedMemory).AvailableFreeSpace > 2 * peakBytes;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }

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

    public void Dispose() => Remove();

    private void Remove()
    {
        foreach (var folder in Candidates(_databasePath).Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
