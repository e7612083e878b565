namespace DuckDetect.Tests.Support;

/// <summary>Folders of this repository, found from the test binaries.</summary>
public static class RepoPaths
{
    public static string Root { get; } = Find();

    public static string Data => Path.Combine(Root, "data");

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DuckDetect.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new DirectoryNotFoundException("DuckDetect.sln not found above " + AppContext.BaseDirectory);
    }
}
