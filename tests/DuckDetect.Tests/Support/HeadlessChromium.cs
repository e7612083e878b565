namespace DuckDetect.Tests.Support;

/// <summary>Debian's chromium, headless: screenshots and the DOM after load (`.ci/run` installs it).</summary>
public static class HeadlessChromium
{
    public static string Program { get; } = Find();

    /// <summary>Loads <paramref name="file"/> and writes a PNG of a 1280-pixel-wide window.</summary>
    public static void Screenshot(string file, string png, int height = 2000) =>
        Run(file, $"--screenshot={png}", $"--window-size=1280,{height}", "--hide-scrollbars");

    /// <summary>The DOM of <paramref name="file"/> after load (and its scripts) as HTML.</summary>
    public static string DumpDom(string file) => Run(file, "--dump-dom", "--window-size=1280,2000").Stdout;

    private static CliResult Run(string file, params string[] options)
    {
        var profile = Directory.CreateTempSubdirectory("duckdetect-chromium-").FullName;
        try
        {
            var result = ChildProcess.Run(Program,
                ["--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-extensions", $"--user-data-dir={profile}", .. options, new Uri(file).AbsoluteUri],
                timeout: TimeSpan.FromMinutes(1));
            Assert.True(result.ExitCode == 0, result.ToString());
            return result;
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }

    private static string Find()
    {
        foreach (var name in new[] { "chromium", "chromium-browser" })
        {
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            {
                var path = Path.Combine(dir, name);
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }
        throw new InvalidOperationException("chromium is not installed: apt-get install -y chromium (.ci/run installs it)");
    }
}
