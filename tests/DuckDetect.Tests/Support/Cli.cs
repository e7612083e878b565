using System.Diagnostics;

namespace DuckDetect.Tests.Support;

/// <summary>Runs the real duckdetect CLI (the built duckdetect.dll) as a child process.</summary>
public static class Cli
{
    /// <summary>
    /// The command line that starts the program: the build DUCKDETECT_TEST_CLI names; else at full strength the native
    /// tool as users install it (InstalledTool, made on first use); in a quick run `dotnet duckdetect.dll`
    /// (TestStrength, docs/development.md). Every test that starts duckdetect starts it with this.
    /// </summary>
    public static IReadOnlyList<string> Command => Chosen.Value;

    /// <summary>The plain .NET build beside the tests, as `dotnet run --project src/DuckDetect` runs it.</summary>
    public static IReadOnlyList<string> Jit { get; } = ["dotnet", Path.Combine(AppContext.BaseDirectory, "duckdetect.dll")];

    private static readonly Lazy<IReadOnlyList<string>> Chosen = new(() =>
        Environment.GetEnvironmentVariable("DUCKDETECT_TEST_CLI") is { Length: > 0 } program ? [program]
        : TestStrength.Quick ? Jit
        : [InstalledTool.Get().Program]);

    /// <summary>A process start of <see cref="Command"/> with <paramref name="args"/>, its output redirected.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args, IReadOnlyList<string>? command = null)
    {
        command ??= Command;
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in command.Skip(1).Concat(args))
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment.Remove("DUCKDETECT_DB");
        return start;
    }

    public static CliResult Run(params string[] args) => Run(args, null);

    /// <summary>Starts duckdetect with its standard streams redirected (stdin closed); the caller reads or kills it.</summary>
    public static Process Start(string[] args, IDictionary<string, string>? environment = null, IReadOnlyList<string>? command = null)
    {
        var start = StartInfo(args, command);
        start.RedirectStandardInput = true;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }

    public static CliResult Run(string[] args, IDictionary<string, string>? environment, TimeSpan? timeout = null, IReadOnlyList<string>? command = null)
    {
        using var process = Start(args, environment, command);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("duckdetect " + string.Join(' ', args) + " did not finish");
        }
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>What a CLI run printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
