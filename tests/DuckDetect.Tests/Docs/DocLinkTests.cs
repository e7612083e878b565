using System.Text.RegularExpressions;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Docs;

/// <summary>Every link of the README and the docs resolves: to a file of the repository, and to a heading in it.</summary>
public sealed partial class DocLinkTests
{
    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>();
        foreach (var file in new[] { "README.md", "data/README.md" }
                     .Concat(Directory.GetFiles(Path.Combine(RepoPaths.Root, "docs"), "*.md").Select(f => Path.GetRelativePath(RepoPaths.Root, f)))
                     .Order(StringComparer.Ordinal))
        {
            data.Add(file);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Links_InADocument_ResolveToFilesAndHeadings(string document)
    {
        var path = Path.Combine(RepoPaths.Root, document);
        var broken = new List<string>();
        foreach (Match link in Link().Matches(WithoutCode(File.ReadAllText(path))))
        {
            var target = link.Groups["target"].Value;
            if (target.StartsWith("http://", StringComparison.Ordinal) || target.StartsWith("https://", StringComparison.Ordinal)
                || target.StartsWith("mailto:", StringComparison.Ordinal))
            {
                continue;
            }
            var hash = target.IndexOf('#', StringComparison.Ordinal);
            var file = hash < 0 ? target : target[..hash];
            var anchor = hash < 0 ? null : target[(hash + 1)..];
            var resolved = file.Length == 0 ? path : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, Uri.UnescapeDataString(file)));
            if (!File.Exists(resolved) && !Directory.Exists(resolved))
            {
                broken.Add($"{target}: no such file");
            }
            else if (anchor is not null && !(resolved.EndsWith(".md", StringComparison.Ordinal) && Anchors(resolved).Contains(anchor)))
            {
                broken.Add($"{target}: no heading #{anchor}");
            }
        }
        Assert.True(broken.Count == 0, $"{document}: {string.Join("; ", broken)}");
    }

    /// <summary>The anchors GitHub gives a document's headings: lower case, punctuation dropped, spaces as '-'.</summary>
    private static HashSet<string> Anchors(string file)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match heading in Heading().Matches(WithoutCode(File.ReadAllText(file))))
        {
            var text = heading.Groups["text"].Value.Trim().ToLowerInvariant();
            var slug = new string(text.Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_').ToArray()).Replace(' ', '-');
            var unique = slug;
            for (var n = 1; !anchors.Add(unique); n++)
            {
                unique = $"{slug}-{n}";
            }
        }
        return anchors;
    }

    /// <summary>The text without fenced code blocks (their brackets are not links, their # lines not headings).</summary>
    private static string WithoutCode(string markdown) => Fence().Replace(markdown, "");

    [GeneratedRegex(@"(?<!!)\[[^\]]*\]\((?<target>[^)\s]+)\)|!\[[^\]]*\]\((?<target>[^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^#{1,6}\s+(?<text>.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^```.*?^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();
}
