namespace DuckDetect.Core.Ingest;

/// <summary>The files that a set of PATH arguments names, and the arguments or folders that failed.</summary>
public sealed class DiscoveredFiles
{
    public List<string> Files { get; } = [];

    /// <summary>The folder arguments walked (absolute): the trees whose folder records this call brings up to date.</summary>
    public List<string> Roots { get; } = [];

    /// <summary>Paths that could not be listed, with the reason (a missing path, an unreadable folder).</summary>
    public List<(string Path, string Reason)> Problems { get; } = [];

    /// <summary>Warnings that lose nothing: a glob that matched no file, a symbolic-link loop not followed.</summary>
    public List<string> Warnings { get; } = [];
}
