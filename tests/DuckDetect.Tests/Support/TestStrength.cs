namespace DuckDetect.Tests.Support;

/// <summary>
/// The suite at full strength (the default, what CI runs): 16 crash trials over two hours of events, the schedule and
/// publish-update tests on the rules' 10-minute schedule over most of a day, every real sample also loaded the exact
/// way, and every test that starts duckdetect starting the native tool as users install it (InstalledTool).
/// DUCKDETECT_TEST_QUICK=1 trims it for a quick local run (docs/development.md): 4 crash trials over an hour, shorter
/// schedules, the plain .NET build.
/// </summary>
public static class TestStrength
{
    public const string QuickVariable = "DUCKDETECT_TEST_QUICK";

    public static bool Quick { get; } = Environment.GetEnvironmentVariable(QuickVariable) == "1";

    /// <summary><paramref name="quick"/> in a quick run, else <paramref name="full"/>.</summary>
    public static T Pick<T>(T quick, T full) => Quick ? quick : full;
}
