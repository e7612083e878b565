using System.Text;
using System.Text.RegularExpressions;

namespace DuckDetect.Core.Ingest;

/// <summary>
/// Expands PATH arguments (files, folders walked recursively, glob patterns with <c>*</c>, <c>?</c> and <c>**</c>)
/// into a sorted, de-duplicated list of absolute file paths.
/// </summary>
public static class FileDiscovery
{
    /// <summary>File names a folder walk picks up; a file named explicitly or by a glob is always tried.</summary>
    private static readonly string[] DataSuffixes =
        [".json", ".jsonl", ".ndjson", ".log", ".cloudtrail", ".parquet"];

    public static DiscoveredFiles Discover(IEnumerable<string> arguments)
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
                Walk(Path.GetFullPath(argument), _ => true, files, result);
            }
            else if (HasGlob(argument))
            {
                ExpandGlob(argument, files, result);
            }
            else
            {
                result.Problems.Add((argument, "no such file or folder"));
            }
        }
        result.Files.AddRange(files);
        return result;
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
        bool explicitMatch = false)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal) { RealPath(root) };
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            string[] entries;
            try
            {
                entries = Directory.GetFileSystemEntries(folder);
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                result.Problems.Add((folder, $"folder cannot be listed: {ex.Message}"));
                continue;
            }
            foreach (var entry in entries)
            {
                if (Directory.Exists(entry))
                {
                    var real = RealPath(entry);
                    if (!visited.Add(real))
                    {
                        result.Warnings.Add($"{entry}: not followed, it leads to a folder already walked (symbolic-link loop)");
                        continue;
                    }
                    pending.Push(entry);
                }
                else if (File.Exists(entry) && include(entry) && (explicitMatch || LooksLikeData(Path.GetFileName(entry))))
                {
                    files.Add(entry);
                }
                else if (!File.Exists(entry) && !Directory.Exists(entry))
                {
                    result.Warnings.Add($"{entry}: skipped, a broken symbolic link");
                }
            }
        }
    }

    /// <summary>The folder's path with every symbolic link on it resolved.</summary>
    private static string RealPath(string folder)
    {
        try
        {
            return ResolveLinks(folder);
        }
        catch (IOException)
        {
            return folder;
        }
    }

    private static string ResolveLinks(string folder)
    {
        var info = new DirectoryInfo(folder);
        var parts = new Stack<string>();
        while (info is not null)
        {
            var target = info.LinkTarget is null ? null : info.ResolveLinkTarget(returnFinalTarget: true);
            if (target is not null)
            {
                var resolved = ResolveLinks(target.FullName);
                return parts.Aggregate(resolved, Path.Combine);
            }
            if (info.Parent is null)
            {
                parts.Push(info.FullName);
                break;
            }
            parts.Push(info.Name);
            info = info.Parent;
        }
        return Path.Combine([.. parts]);
    }
}
