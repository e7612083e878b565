namespace DuckDetect.Core;

/// <summary>
/// A pause at a named point for the crash tests: with DUCKDETECT_TEST_HOLD set to that point's name, the process
/// says so on stderr and sleeps, so that a test can kill it exactly there. Unset, it does nothing.
/// </summary>
public static class TestHold
{
    public static void At(string point)
    {
        if (Environment.GetEnvironmentVariable("DUCKDETECT_TEST_HOLD") == point)
        {
            Console.Error.WriteLine($"duckdetect: holding at {point}");
            Console.Error.Flush();
            Thread.Sleep(TimeSpan.FromMinutes(2));
        }
    }
}
