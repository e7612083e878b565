using System.Runtime.InteropServices;

namespace DuckDetect.Core.Ingest;

/// <summary>
/// What the kernel says about a folder (statx(2), following links): the device and inode that identify it, and its
/// modification and change times to the nanosecond. Adding, removing or renaming an entry sets both times; setting
/// the modification time back (as a sync tool may) sets the change time, which no program can set.
/// </summary>
public readonly record struct FolderStat(long Device, long Inode, long ModifiedNs, long ChangedNs)
{
    private const int CurrentFolder = -100; // AT_FDCWD
    private const uint Wanted = 0x1C0;       // STATX_MTIME | STATX_CTIME | STATX_INO

    private static bool _unavailable;

    /// <summary>The folder's stat; null when it cannot be had (not Linux, or statx failed), and the folder is read.</summary>
    public static FolderStat? Read(string path)
    {
        if (_unavailable || !OperatingSystem.IsLinux())
        {
            return null;
        }
        try
        {
            if (NativeMethods.statx(CurrentFolder, path, 0, Wanted, out var buffer) != 0 || (buffer.Mask & Wanted) != Wanted)
            {
                return null;
            }
            return new FolderStat(
                unchecked((long)(((ulong)buffer.DeviceMajor << 32) | buffer.DeviceMinor)),
                unchecked((long)buffer.Inode),
                Nanoseconds(buffer.ModifiedSeconds, buffer.ModifiedNanoseconds),
                Nanoseconds(buffer.ChangedSeconds, buffer.ChangedNanoseconds));
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true; // a C library without statx (glibc before 2.28, musl before 1.2.5)
            return null;
        }
    }

    private static long Nanoseconds(long seconds, uint nanoseconds) => (seconds * 1_000_000_000L) + nanoseconds;

    /// <summary>struct statx of linux/stat.h: the same layout on every architecture (256 bytes).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(0)] public uint Mask;
        [FieldOffset(32)] public ulong Inode;
        [FieldOffset(96)] public long ChangedSeconds;
        [FieldOffset(104)] public uint ChangedNanoseconds;
        [FieldOffset(112)] public long ModifiedSeconds;
        [FieldOffset(120)] public uint ModifiedNanoseconds;
        [FieldOffset(136)] public uint DeviceMajor;
        [FieldOffset(140)] public uint DeviceMinor;
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int statx(int directory, string path, int flags, uint mask, out StatxBuffer buffer);
    }
}
