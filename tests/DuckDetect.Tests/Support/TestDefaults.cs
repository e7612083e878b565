using System.Runtime.CompilerServices;
using DuckDetect.Core.Storage;

namespace DuckDetect.Tests.Support;

/// <summary>Settings every test of this assembly starts with, the programs it starts included.</summary>
internal static class TestDefaults
{
    /// <summary>
    /// The suite runs two tests at a time on two cores; each DuckDB then taking a thread per core made both wait on
    /// each other's threads (two quickstart runs side by side: 9–10 s on DuckDB's default, 5.4–6.3 s on one thread
    /// each). So the databases the tests open, and those of the programs they start, get one worker thread unless
    /// DUCKDETECT_THREADS says otherwise; tests about threads set it themselves.
    /// </summary>
    [ModuleInitializer]
    internal static void OneDuckDbThreadPerTest()
    {
        if (Environment.GetEnvironmentVariable(DuckDbSession.ThreadsVariable) is null)
        {
            Environment.SetEnvironmentVariable(DuckDbSession.ThreadsVariable, "1");
        }
    }
}
