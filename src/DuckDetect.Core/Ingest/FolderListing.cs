using System.Data;
using Dapper;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Ingest;

/// <summary>
/// The fast listing of folder walks (docs/scale.md): a folder whose device, inode, modification and change time are
/// those recorded when it was last read, and whose record is trusted, holds the same entries as then, all of them
/// loaded; the walk skips it (one statx instead of listing and stating each file) and goes on into its recorded
/// subfolders. Everything else is read as before, and saved after the call's files are loaded.
/// A record is trusted only when the folder is on a local file system (<see cref="FolderTimeTrust"/>), holds no
/// link or unusable entry, every data file in it was recorded in <c>ingested_files</c> as listed, and neither the
/// folder nor any of its files changed within the settle time before it was read. Files that did not load are tried
/// again whatever their folder says. A slice of the trusted folders is read again each call, so that a file
/// rewritten in place (which no folder time shows) is seen within <see cref="RecheckCalls"/> calls.
/// </summary>
public sealed class FolderListing
{
    /// <summary>Every trusted folder is read again at least once in this many calls (a day of 10-minute runs).</summary>
    public const int RecheckCalls = 144;

    private readonly Dictionary<string, FolderRecord> _records;
    private readonly Dictionary<string, List<string>> _subfolders;
    private readonly Dictionary<string, List<string>> _retry;
    private readonly HashSet<string> _recheck;
    private readonly FolderTimeTrust _trust;
    private readonly bool _readAll;
    private readonly TimeSpan _settle;
    private readonly Dictionary<string, FolderVisit> _visits = new(StringComparer.Ordinal);
    private readonly HashSet<string> _aliased = new(StringComparer.Ordinal);

    private FolderListing(IEnumerable<FolderRecord> records, IEnumerable<string> retry, IEnumerable<string> recheck,
        FolderTimeTrust trust, bool readAll, TimeSpan settle)
    {
        _records = records.ToDictionary(r => r.Path, StringComparer.Ordinal);
        _subfolders = _records.Values.Where(r => r.Parent.Length > 0)
            .GroupBy(r => r.Parent, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => r.Path).ToList(), StringComparer.Ordinal);
        _retry = retry.GroupBy(p => System.IO.Path.GetDirectoryName(p) ?? "", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        _recheck = recheck.ToHashSet(StringComparer.Ordinal);
        _trust = trust;
        _readAll = readAll;
        _settle = settle;
    }

    /// <summary>Folders skipped this call.</summary>
    public int FoldersSkipped { get; private set; }

    /// <summary>Folders read this call.</summary>
    public int FoldersRead { get; private set; }

    /// <summary>Data files in skipped folders, taken as loaded and unchanged without being listed.</summary>
    public long FilesSkipped { get; private set; }

    /// <summary>The saved records and the files to retry; with <paramref name="readAll"/> every folder is read (and saved).</summary>
    public static FolderListing Load(IDbConnection connection, FolderTimeTrust trust, bool readAll, TimeSpan settle)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var records = connection.Query<FolderRecord>(SqlScripts.Get("ingest/folder_records.sql"));
        var retry = connection.Query<string>(SqlScripts.Get("ingest/retry_files.sql"));
        var recheck = connection.Query<string>(SqlScripts.Get("ingest/folder_recheck.sql"), new { calls = RecheckCalls });
        return new FolderListing(records, retry, recheck, trust, readAll, settle);
    }

    /// <summary>
    /// Called before the walk reads <paramref name="folder"/>: its stat is taken, and when its record stands for it,
    /// the folder is skipped; otherwise null, and the walk reads it and reports with <see cref="Read"/>.
    /// </summary>
    internal FolderSkip? Enter(string folder, string parent)
    {
        if (_visits.TryGetValue(folder, out var seen))
        {
            return seen.SkippedBy is null ? null : SkipOf(folder, seen.SkippedBy);
        }
        var stat = FolderStat.Read(folder);
        var visit = new FolderVisit(folder, parent, stat, DateTime.UtcNow);
        _visits[folder] = visit;
        if (_readAll || stat is not { } now || _recheck.Contains(folder) || !_trust.Trusts(now.Device)
            || !_records.TryGetValue(folder, out var record) || !record.Trusted || !record.Matches(now))
        {
            FoldersRead++;
            return null;
        }
        visit.SkippedBy = record;
        FoldersSkipped++;
        var skip = SkipOf(folder, record);
        FilesSkipped += Math.Max(0, record.Files - skip.Retry.Count);
        return skip;
    }

    private FolderSkip SkipOf(string folder, FolderRecord record) => new(
        _subfolders.TryGetValue(folder, out var subfolders) ? subfolders : [],
        _retry.TryGetValue(folder, out var retry) ? retry : []);

    /// <summary>A recorded subfolder of a skipped folder that the walk had already reached another way (through a link).</summary>
    internal void Aliased(string folder) => _aliased.Add(folder);

    /// <summary>How reading a folder went: the data files taken from it, and whether every entry was usable.</summary>
    internal void Read(string folder, int files, bool clean)
    {
        if (_visits.TryGetValue(folder, out var visit))
        {
            visit.Files = files;
            visit.Clean &= clean;
        }
    }

    /// <summary>
    /// After the call's files are loaded: records every folder read this call (trusted when it qualifies) and drops
    /// the records of folders under <paramref name="roots"/> that the walk no longer found. <paramref name="listed"/>
    /// are the files listed with the size and time that were read: each of them is now in <c>ingested_files</c> with
    /// that size and time (unchanged, or loaded or failed in this call: every outcome is recorded with the listed
    /// values, and a call that stops early saves nothing). <paramref name="unlisted"/> are files the walk found
    /// but could not stat, which are in no record: their folders are not trusted.
    /// </summary>
    public void Save(IDbConnection connection, IReadOnlyList<PendingFile> listed, IEnumerable<string> unlisted,
        IReadOnlyList<string> roots, IDbTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(listed);
        ArgumentNullException.ThrowIfNull(roots);
        var read = _visits.Values.Where(v => v.SkippedBy is null).ToList();
        var readPaths = read.Select(v => v.Path).ToHashSet(StringComparer.Ordinal);
        var newest = listed.Where(f => readPaths.Contains(System.IO.Path.GetDirectoryName(f.Path) ?? ""))
            .GroupBy(f => System.IO.Path.GetDirectoryName(f.Path)!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Max(f => f.ModifiedAt.UtcDateTime), StringComparer.Ordinal);
        var incomplete = unlisted.Select(p => System.IO.Path.GetDirectoryName(p) ?? "").ToHashSet(StringComparer.Ordinal);
        var gone = _records.Keys.Where(p => !_visits.ContainsKey(p) && !_aliased.Contains(p) && roots.Any(r => Under(p, r)));
        var rows = read.Select(v => (Visit: v, Trusted: Qualifies(v, incomplete, newest))).ToList();
        connection.Execute(SqlScripts.Get("ingest/delete_folders.sql"),
            new { paths = ListParameter.Of(gone.Concat(readPaths)) }, transaction);
        connection.Execute(SqlScripts.Get("ingest/insert_folders.sql"), new
        {
            paths = ListParameter.Of(rows.Select(r => r.Visit.Path)),
            parents = ListParameter.Of(rows.Select(r => r.Visit.Parent)),
            devices = ListParameter.Of(rows.Select(r => r.Visit.Stat?.Device ?? 0)),
            inodes = ListParameter.Of(rows.Select(r => r.Visit.Stat?.Inode ?? 0)),
            modified = ListParameter.Of(rows.Select(r => r.Visit.Stat?.ModifiedNs ?? 0)),
            changed = ListParameter.Of(rows.Select(r => r.Visit.Stat?.ChangedNs ?? 0)),
            files = ListParameter.Of(rows.Select(r => (long)r.Visit.Files)),
            trusted = ListParameter.Of(rows.Select(r => r.Trusted)),
            now = DateTime.UtcNow,
        }, transaction);
    }

    private bool Qualifies(FolderVisit visit, HashSet<string> incomplete, Dictionary<string, DateTime> newest)
    {
        if (!visit.Clean || visit.Stat is not { } stat || !_trust.Trusts(stat.Device) || incomplete.Contains(visit.Path))
        {
            return false;
        }
        // Changed within the settle time: a coarse file system clock may not have moved for an entry added just
        // after the stat, and a file still being written may grow without any folder time changing.
        var settledNs = (visit.StatAt - _settle - DateTime.UnixEpoch).Ticks * 100;
        var newestFile = newest.TryGetValue(visit.Path, out var time) ? time : DateTime.UnixEpoch;
        return stat.ModifiedNs < settledNs && stat.ChangedNs < settledNs && newestFile < visit.StatAt - _settle;
    }

    private static bool Under(string path, string root) =>
        path == root || path.StartsWith(root.EndsWith('/') ? root : root + "/", StringComparison.Ordinal);
}
