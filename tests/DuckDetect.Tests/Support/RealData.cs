namespace DuckDetect.Tests.Support;

/// <summary>The public CloudTrail samples in ../shared/data/real/ (next to the checkout, as in CI).</summary>
public static class RealData
{
    public static string Root { get; } = Find();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "real");
            if (Directory.Exists(candidate) && dir.GetDirectories().Any(d => d.Name != "shared"))
            {
                return candidate;
            }
            dir = dir.Parent;
        }
        throw new DirectoryNotFoundException("../shared/data/real not found above " + AppContext.BaseDirectory);
    }
}
