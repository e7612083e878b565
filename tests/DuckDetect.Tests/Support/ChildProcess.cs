using System.Diagnostics;

namespace DuckDetect.Tests.Support;

/// <summary>Runs any program (dotnet pack, an installed tool, script) with its output captured.</summary>
public static class ChildProcess
{
    public static CliResult Run(string program, IEnumerable<string> args, IDictionary<string, string>? environment = null,
        string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment.Remove("DUCKDETECT_DB");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(program + " " + string.Join(' ', args) + " did not finish");
        }
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
