using System.Diagnostics;

namespace DuckDetect.Tests.Support;

/// <summary>Small CloudTrail inputs with one loud prober, and helpers to read a duckdetect process as it runs.</summary>
public static class ProbingInput
{
    /// <summary>Writes <paramref name="calls"/> inference calls of one principal over 50 minutes from <paramref name="start"/> as NDJSON.</summary>
    public static string Write(TempDatabase db, string name, DateTimeOffset start, int calls = 600, string arn = DetectionFixture.Arn)
    {
        var events = Enumerable.Range(0, calls).Select(i =>
        {
            var e = CloudTrailJson.Event($"{name}-{i:D6}", start + TimeSpan.FromSeconds(3000.0 * i / calls));
            ((Dictionary<string, object?>)e["userIdentity"]!)["arn"] = arn;
            return e;
        });
        return db.WriteInput(name + ".ndjson", CloudTrailJson.Ndjson(events));
    }

    /// <summary>Waits until the process writes <paramref name="marker"/> on stderr (it must be started with stderr redirected).</summary>
    public static string WaitForStderr(Process process, string marker, TimeSpan timeout)
    {
        var seen = new System.Text.StringBuilder();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            var line = process.StandardError.ReadLineAsync();
            if (!line.Wait(timeout - clock.Elapsed) || line.Result is null)
            {
                break;
            }
            seen.AppendLine(line.Result);
            if (line.Result.Contains(marker, StringComparison.Ordinal))
            {
                return seen.ToString();
            }
        }
        throw new TimeoutException($"no '{marker}' on stderr; saw:\n{seen}");
    }
}
