using System.Text;
using System.Text.RegularExpressions;

namespace DuckDetect.Core.Ingest;

/// <summary>
/// Expands PATH arguments (files, folders walked recursively, glob patterns with <c>*</c>, <c>?</c> and <c>**</c>)
/// into a sorted, de-duplicated list of absolute file paths.
/// </summary>
public static class FileDiscovery
{
    /// <summary>The reason given for a PATH argument that names nothing (the CLI's exit code 66 keys on it).</summary>
    public const string NotFound = "no such file or folder";

    /// <summary>File names a folder walk picks up; a file named explicitly or by a glob is always tried.</summary>
    private static readonly string[] DataSuffixes =
        [".json", ".jsonl", ".ndjson", ".log", ".cloudtrail", ".parquet"];

    public static DiscoveredFiles Discover(IEnumerable<string> arguments) => Discover(arguments, null);

    /// <summary>
    /// As <see cref="Discover(IEnumerable{string})"/>; a folder argument's walk skips the folders that
    /// <paramref name="listing"/> finds unchanged (glob patterns always read theirs).
    /// </summary>
    public static DiscoveredFiles Discover(IEnumerable<string> arguments, FolderListing? listing)
    {
        var result = new DiscoveredFiles();
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var argument in arguments)
        {
            if (File.Exists(argument))
            {
                files.Add(Path.GetFullPath(argument));
            }
            else if (Directory.Exists(argument))
            {
                var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(argument));
                result.Roots.Add(root);
                Walk(root, _ => true, files, result, listing: listing);
            }
            else if (HasGlob(argument))
            {
                ExpandGlob(argument, files, result);
            }
            else
            {
                result.Problems.Add((argument, WhyNotFound(argument)));
            }
        }
        result.Files.AddRange(files);
        return result;
    }

    /// <summary>
    /// Why a path is neither a file nor a folder: missing, or (File.Exists says false for both) behind a folder
    /// that may not be searched, which is a file that cannot be read rather than no input.
    /// </summary>
    private static string WhyNotFound(string argument)
    {
        try
        {
            File.GetAttributes(argument);
        }
        catch (UnauthorizedAccessException ex)
        {
            return $"cannot be read: {ex.Message}";
        }
        catch (IOException)
        {
        }
        return NotFound;
    }

    /// <summary>True for the names a folder walk treats as CloudTrail data (compressed or not); digest files excluded.</summary>
    public static bool LooksLikeData(string fileName)
    {
        if (fileName.StartsWith('.') || fileName.Contains("_CloudTrail-Digest_", StringComparison.Ordinal))
        {
            return false;
        }
        var name = fileName.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? fileName[..^3] : fileName;
        return DataSuffixes.Any(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// True for a body Bedrock delivered separately from its invocation log record (a <c>data/</c> folder below a
    /// <c>BedrockModelInvocationLogs/</c> folder, e.g. <c>.../BedrockModelInvocationLogs/us-east-1/2024/05/01/12/data/ID_input.json.gz</c>):
    /// it is read as its record's body (<see cref="SeparateBodies"/>), never as a log file.
    /// </summary>
    public static bool IsSeparateBody(string path)
    {
        var normal = path.Replace('\\', '/');
        var logs = normal.IndexOf("/BedrockModelInvocationLogs/", StringComparison.Ordinal);
        if (logs < 0 && normal.StartsWith("BedrockModelInvocationLogs/", StringComparison.Ordinal))
        {
            logs = 0;
        }
        return logs >= 0 && normal.IndexOf("/data/", logs, StringComparison.Ordinal) >= 0;
    }

    private static bool HasGlob(string argument) => argument.IndexOfAny(['*', '?']) >= 0;

    private static void ExpandGlob(string pattern, SortedSet<string> files, DiscoveredFiles result)
    {
        var full = Path.GetFullPath(pattern.Replace('\\', '/'));
        var segments = full.Split('/');
        var firstGlob = Array.FindIndex(segments, HasGlob);
        var root = string.Join('/', segments[..firstGlob]);
        if (root.Length == 0)
        {
            root = "/";
        }
        var before = files.Count;
        if (Directory.Exists(root))
        {
            var regex = GlobToRegex(full);
            Walk(root, path => regex.IsMatch(path), files, result, explicitMatch: true);
        }
        if (files.Count == before)
        {
            result.Warnings.Add($"{pattern}: the pattern matched no file");
        }
    }

    private static Regex GlobToRegex(string glob)
    {
        var sb = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                var slash = i + 2 < glob.Length && glob[i + 2] == '/';
                sb.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else if (c == '*')
            {
                sb.Append("[^/]*");
            }
            else if (c == '?')
            {
                sb.Append("[^/]");
            }
            else
            {
                sb.Append(Regex.Escape(c.ToString()));
            }
        }
        return new Regex(sb.Append('$').ToString(), RegexOptions.CultureInvariant);
    }

    private static void Walk(string root, Func<string, bool> include, SortedSet<string> files, DiscoveredFiles result,
        bool explicitMatch = false, FolderListing? listing = null)
    {
        var rootReal = RealPath(root);
        var visited = new HashSet<string>(StringComparer.Ordinal) { rootReal };
        var pending = new Stack<(string Folder, string Parent, string Real)>();
        pending.Push((root, "", rootReal));
        while (pending.Count > 0)
        {
            var (folder, parent, folderReal) = pending.Pop();
            if (listing?.Enter(folder, parent) is { } skip)
            {
                // Unchanged since it was read: no entry is a link, so a subfolder's real path is under this one's.
                foreach (var file in skip.Retry)
                {
                    if (File.Exists(file) && include(file) && (explicitMatch || LooksLikeData(Path.GetFileName(file))) && !IsSeparateBody(file))
                    {
                        files.Add(file);
                    }
                }
                foreach (var subfolder in skip.Subfolders)
                {
                    var real = Path.Join(folderReal, Path.GetFileName(subfolder));
                    if (visited.Add(real))
                    {
                        pending.Push((subfolder, folder, real));
                    }
                    else
                    {
                        // Reached first through a link elsewhere: still there, so its record stays.
                        listing.Aliased(subfolder);
                    }
                }
                continue;
            }
            string[] entries;
            try
            {
                entries = Directory.GetFileSystemEntries(folder);
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                result.Problems.Add((folder, $"folder cannot be listed: {ex.Message}"));
                listing?.Read(folder, 0, clean: false);
                continue;
            }
            var taken = 0;
            var clean = true;
            foreach (var entry in entries)
            {
                if (listing is not null && clean && IsLink(entry))
                {
                    // A link's target can change with no time of this folder changing: such a folder is always read.
                    clean = false;
                }
                if (Directory.Exists(entry))
                {
                    var real = RealPath(entry);
                    if (!visited.Add(real))
                    {
                        // Whichever way the walk reaches it first depends on the order: never skip this folder.
                        clean = false;
                        result.Warnings.Add($"{entry}: not followed, it leads to a folder already walked (symbolic-link loop)");
                        continue;
                    }
                    pending.Push((entry, folder, real));
                }
                else if (File.Exists(entry) && include(entry) && (explicitMatch || LooksLikeData(Path.GetFileName(entry))) && !IsSeparateBody(entry))
                {
                    files.Add(entry);
                    taken++;
                }
                else if (!File.Exists(entry) && !Directory.Exists(entry))
                {
                    clean = false;
                    // Neither (a dangling link counts as a file, and fails when read): a name that is not UTF-8, which
                    // .NET cannot open; an entry of a folder that may be listed but not searched; or one removed since.
                    var reason = entry.Contains('\uFFFD', StringComparison.Ordinal)
                        ? "cannot be read: its name is not valid UTF-8 (rename it)"
                        : WhyNotFound(entry);
                    if (reason == NotFound)
                    {
                        result.Warnings.Add($"{entry}: skipped, removed while its folder was listed");
                    }
                    else
                    {
                        result.Problems.Add((entry, reason));
                    }
                }
            }
            listing?.Read(folder, taken, clean);
        }
    }

    private static bool IsLink(string entry)
    {
        try
        {
            return new FileInfo(entry).LinkTarget is not null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return true; // cannot tell: treat as a link, and read the folder every call
        }
    }

    /// <summary>The path with every symbolic link on it resolved (as realpath(3) does); itself when that fails.</summary>
    internal static string RealPath(string path)
    {
        try
        {
            return ResolveLinks(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return path;
        }
    }

    /// <summary>
    /// Resolves one component at a time from the root, so that a relative link target (<c>../../x</c>) is taken
    /// from where its link really is, never from a path that still goes through other links: resolving it against
    /// the unresolved path (what <see cref="FileSystemInfo.ResolveLinkTarget"/> and <c>FullName</c> do) names a
    /// folder that does not exist, which the walk then mistakes for a new folder and descends into a link loop.
    /// </summary>
    private static string ResolveLinks(string path)
    {
        const int MaxLinks = 40;
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var resolved = root;
        var pending = new Stack<string>(Components(full[root.Length..]).Reverse());
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == "..")
            {
                resolved = Path.GetDirectoryName(resolved) ?? resolved;
                continue;
            }
            var next = Path.Join(resolved, part);
            var target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                resolved = next;
                continue;
            }
            if (++links > MaxLinks)
            {
                throw new IOException($"{path}: too many levels of symbolic links");
            }
            if (Path.IsPathRooted(target))
            {
                resolved = Path.GetPathRoot(target)!;
                target = target[resolved.Length..];
            }
            foreach (var component in Components(target).Reverse())
            {
                pending.Push(component);
            }
        }
        return resolved;
    }

    private static IEnumerable<string> Components(string relative) =>
        relative.Split(['/', Path.DirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries).Where(c => c != ".");
}
