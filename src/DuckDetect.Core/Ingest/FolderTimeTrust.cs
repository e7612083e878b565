namespace DuckDetect.Core.Ingest;

/// <summary>
/// Which devices keep folder times that ingest may trust to skip a folder: those of local, kernel file systems,
/// read from /proc/self/mountinfo. Any other (FUSE such as s3fs or rclone mount, NFS and SMB with their attribute
/// caches, 9p, virtiofs, overlay, a device the table does not list) has its folders read on every call.
/// </summary>
public sealed class FolderTimeTrust
{
    /// <summary>Local file systems whose folder times the kernel itself sets on every entry change.</summary>
    public static readonly IReadOnlySet<string> TrustedTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "ext2", "ext3", "ext4", "xfs", "btrfs", "tmpfs", "zfs", "f2fs", "jfs", "bcachefs",
    };

    private readonly Dictionary<long, string> _typeByDevice;

    private FolderTimeTrust(Dictionary<long, string> typeByDevice) => _typeByDevice = typeByDevice;

    /// <summary>The mounts of this process; none (so nothing trusted) where /proc/self/mountinfo cannot be read.</summary>
    public static FolderTimeTrust FromSystem()
    {
        try
        {
            return Parse(File.ReadAllLines("/proc/self/mountinfo"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Parse([]);
        }
    }

    /// <summary>Reads mountinfo lines: <c>id parent major:minor root point options [tags] - type source ...</c>.</summary>
    public static FolderTimeTrust Parse(IEnumerable<string> mountinfo)
    {
        var types = new Dictionary<long, string>();
        foreach (var line in mountinfo)
        {
            var fields = line.Split(' ');
            var separator = Array.IndexOf(fields, "-");
            if (fields.Length < 5 || separator < 0 || separator + 1 >= fields.Length)
            {
                continue;
            }
            var numbers = fields[2].Split(':');
            if (numbers.Length != 2 || !uint.TryParse(numbers[0], out var major) || !uint.TryParse(numbers[1], out var minor))
            {
                continue;
            }
            var device = unchecked((long)(((ulong)major << 32) | minor));
            var type = fields[separator + 1];
            // The same device mounted twice is one file system; were the types ever to differ, trust neither.
            types[device] = types.TryGetValue(device, out var seen) && seen != type ? "" : type;
        }
        return new FolderTimeTrust(types);
    }

    /// <summary>The file system type of the device, or null when no mount lists it.</summary>
    public string? TypeOf(long device) => _typeByDevice.TryGetValue(device, out var type) ? type : null;

    public bool Trusts(long device) => TypeOf(device) is { } type && TrustedTypes.Contains(type);
}
