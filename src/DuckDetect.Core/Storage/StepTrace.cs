using System.Diagnostics;

namespace DuckDetect.Core.Storage;

/// <summary>
/// With DUCKDETECT_TRACE set, each traced step writes its wall time, and the process's memory (resident and peak)
/// after it, to stderr: a profiling aid that needs no build of its own (`DUCKDETECT_TRACE=1 duckdetect ingest ...`).
/// </summary>
public static class StepTrace
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("DUCKDETECT_TRACE") is { Length: > 0 };

    /// <summary>Runs <paramref name="step"/> and, when tracing, reports how long it took.</summary>
    public static T Step<T>(string name, Func<T> step)
    {
        if (!Enabled)
        {
            return step();
        }
        var clock = Stopwatch.StartNew();
        var result = step();
        var elapsed = clock.Elapsed;
        using var process = Process.GetCurrentProcess();
        Console.Error.WriteLine(
            $"trace: {name}: {elapsed.TotalMilliseconds:0.0} ms (RSS {process.WorkingSet64 >> 20} MB, peak {process.PeakWorkingSet64 >> 20} MB)");
        return result;
    }

    /// <summary>Runs <paramref name="step"/> and, when tracing, reports how long it took.</summary>
    public static void Step(string name, Action step) => Step(name, () =>
    {
        step();
        return 0;
    });

    /// <summary>
    /// When tracing, writes how long after the process started <paramref name="moment"/> was reached, and the CPU
    /// time the process had used by then (all threads, DuckDB's included).
    /// </summary>
    public static void Mark(string moment)
    {
        if (Enabled)
        {
            using var process = Process.GetCurrentProcess();
            var since = DateTime.Now - process.StartTime;
            Console.Error.WriteLine($"trace: {moment}: at {since.TotalMilliseconds:0.0} ms, CPU {process.TotalProcessorTime.TotalMilliseconds:0} ms");
        }
    }

    /// <summary>When tracing, writes <paramref name="message"/>.</summary>
    public static void Note(string message)
    {
        if (Enabled)
        {
            Console.Error.WriteLine($"trace: {message}");
        }
    }
}
