using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using DuckDetect.Tests.Ingest;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Reliability;

/// <summary>What ingest must make of a hostile file.</summary>
public enum HostileOutcome
{
    /// <summary>Fails on its own: an error line with its path and reason, a failed row, no events.</summary>
    Failed,

    /// <summary>Loads with no events and an "empty file" warning (it is never opened).</summary>
    Empty,

    /// <summary>Loads its events.</summary>
    Loaded,
}

/// <summary>
/// One hostile file of the catalogue: how to write it into a folder, and what ingest must make of it.
/// <see cref="CliOnly"/> marks the inputs whose regression would crash or hang the process (a stack overflow in
/// DuckDB, a read that never ends): those run only in a child process, with a timeout.
/// </summary>
public sealed record HostileFile(
    string Kind,
    HostileOutcome Outcome,
    string? Reason,
    Func<string, string> Write,
    bool CliOnly = false,
    bool Recorded = true,
    int Events = 0)
{
    public override string ToString() => Kind;
}

/// <summary>The catalogue of hostile files, and the helpers the hostile-input tests share.</summary>
public static class HostileInputKit
{
    /// <summary>The event ids of the good file written next to every hostile one.</summary>
    public static readonly string[] GoodIds = ["good-0", "good-1"];

    public static readonly IReadOnlyList<HostileFile> Catalogue =
    [
        new("invalid-json", HostileOutcome.Failed, "Malformed JSON",
            f => Text(f, "invalid.json", "{\"Records\":[{\"eventID\":\"x\",,]}")),
        new("truncated-gzip", HostileOutcome.Failed, "truncated gzip",
            f => Bytes(f, "truncated.json.gz", Half(Gzip(CloudTrailJson.Delivery(IngestKit.Events("trunc", 400)))))),
        new("zero-bytes", HostileOutcome.Empty, null, f => Text(f, "zero.json", "")),
        new("empty-gzip", HostileOutcome.Empty, null, f => Bytes(f, "empty.json.gz", Gzip(""))),
        new("records-number", HostileOutcome.Failed, "Expected ARRAY, but got UBIGINT",
            f => Text(f, "records-number.json", "{\"Records\": 5}")),
        new("records-object", HostileOutcome.Failed, "Expected ARRAY, but got OBJECT",
            f => Text(f, "records-object.json", "{\"Records\": {\"a\":1}}")),
        new("records-non-objects", HostileOutcome.Failed, "Expected OBJECT, but got UBIGINT",
            f => Text(f, "records-non-objects.json", "{\"Records\": [1, \"x\", null]}")),
        new("invalid-utf8", HostileOutcome.Failed, "invalid UTF-8",
            f => Bytes(f, "invalid-utf8.json", InvalidUtf8())),
        new("duplicate-key", HostileOutcome.Failed, "duplicate key \"eventID\"",
            f => Text(f, "duplicate-key.json",
                "{\"Records\":[{\"eventID\":\"d1\",\"eventID\":\"d2\",\"eventTime\":\"2024-05-01T12:00:00Z\",\"eventSource\":\"s\"}]}")),
        new("parquet-wrong-schema", HostileOutcome.Failed, "missing eventID, eventTime",
            f => IngestKit.WriteParquet(Path.Combine(f, "wrong-schema.parquet"),
                "SELECT 'bedrock.amazonaws.com' AS eventSource, 'InvokeModel' AS eventName, 42 AS answer")),
        new("not-parquet", HostileOutcome.Failed, "not JSON or Parquet",
            f => Text(f, "not-really.parquet", "this is not parquet\n")),
        new("parquet-magic-then-garbage", HostileOutcome.Failed, "No magic bytes found at end of file",
            f => Bytes(f, "garbage.parquet", [.. "PAR1"u8, .. Enumerable.Range(0, 5000).Select(i => (byte)(i * 7))])),
        new("symlink-to-itself", HostileOutcome.Failed, "Too many levels of symbolic links",
            f => Link(f, "me.json", "me.json")),
        new("dangling-symlink", HostileOutcome.Failed, "Could not find file",
            f => Link(f, "dead.json", "nowhere.json")),
        new("name-not-utf8", HostileOutcome.Failed, "its name is not valid UTF-8",
            NonUtf8Name, Recorded: false),
        new("nested-5000", HostileOutcome.Loaded, null,
            f => Text(f, "nested-5000.json", CloudTrailJson.Delivery([Nested("nested-5000", 5000)])), Events: 1),
        new("nested-100000", HostileOutcome.Loaded, null,
            f => Text(f, "nested-100000.json", CloudTrailJson.Delivery([Nested("nested-100000", 100_000)])),
            CliOnly: true, Events: 1),
        new("nested-100000-lists-ndjson", HostileOutcome.Loaded, null,
            f => Text(f, "nested-lists.ndjson", NestedListsLine("nested-lists", 100_000)), CliOnly: true, Events: 1),
        new("fifo", HostileOutcome.Empty, null, Fifo, CliOnly: true),
        new("symlink-to-dev-zero", HostileOutcome.Empty, null, f => Link(f, "zero-device.json", "/dev/zero"), CliOnly: true),
    ];

    public static HostileFile Case(string kind) => Catalogue.Single(c => c.Kind == kind);

    /// <summary>The good file that shares every ingest call with a hostile one.</summary>
    public static string WriteGood(string folder) =>
        Text(folder, "a-good.json", CloudTrailJson.Delivery(IngestKit.Events("good", 2)));

    public static string Text(string folder, string name, string content)
    {
        var path = Path.Combine(folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public static string Bytes(string folder, string name, byte[] content)
    {
        var path = Path.Combine(folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    public static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }
        return buffer.ToArray();
    }

    private static byte[] Half(byte[] bytes) => bytes[..(bytes.Length / 2)];

    private static string Link(string folder, string name, string target)
    {
        var path = Path.Combine(folder, name);
        Directory.CreateDirectory(folder);
        File.CreateSymbolicLink(path, target);
        return path;
    }

    /// <summary>A delivery file whose userAgent holds the bytes FF FE (never valid UTF-8) inside the string.</summary>
    private static byte[] InvalidUtf8()
    {
        var json = CloudTrailJson.Delivery([IngestKit.EventWith("utf8", ("userAgent", "before@@after"))]);
        var bytes = Encoding.UTF8.GetBytes(json);
        var at = json.IndexOf("@@", StringComparison.Ordinal);
        bytes[at] = 0xFF;
        bytes[at + 1] = 0xFE;
        return bytes;
    }

    /// <summary>An event whose requestParameters nests objects <paramref name="depth"/> levels deep.</summary>
    public static Dictionary<string, object?> Nested(string eventId, int depth) =>
        IngestKit.EventWith(eventId, ("requestParameters", new RawJson(NestedObjects(depth))));

    public static string NestedObjects(int depth) =>
        new StringBuilder(depth * 6 + 1).Insert(0, "{\"a\":", depth).Append('1').Append('}', depth).ToString();

    private static string NestedListsLine(string eventId, int depth)
    {
        var line = System.Text.Json.JsonSerializer.Serialize(IngestKit.EventWith(eventId, ("requestParameters", "@@")));
        var lists = new StringBuilder(depth * 2 + 1).Append('[', depth).Append('1').Append(']', depth).ToString();
        return line.Replace("\"@@\"", lists, StringComparison.Ordinal) + "\n";
    }

    private static string Fifo(string folder)
    {
        var path = Path.Combine(Directory.CreateDirectory(folder).FullName, "pipe.json");
        RunTool("mkfifo", path);
        return path;
    }

    /// <summary>A good delivery file whose name holds the bytes FF FE: .NET lists it with U+FFFD and cannot open it.</summary>
    private static string NonUtf8Name(string folder)
    {
        var source = Text(folder, "source-for-bad-name.tmp", CloudTrailJson.Delivery(IngestKit.Events("badname", 1)));
        RunTool("/bin/sh", "-c", "mv \"$1\" \"$2/bad$(printf '\\377\\376')name.json\"", "sh", source, folder);
        return Directory.GetFiles(folder, "bad*name.json").Single();
    }

    private static void RunTool(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} failed: {error}");
    }

    /// <summary>
    /// Asserts that a CLI run failed the expected way: the exit code, one line per failure (each starting with
    /// <c>duckdetect: </c>, <c>error: </c> or <c>warning: </c>, or the summary), and never a stack trace.
    /// </summary>
    public static void AssertNoStackTrace(CliResult result)
    {
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected error", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Stack overflow", result.Stderr, StringComparison.Ordinal);
    }

    public static string[] Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Runs the CLI and samples its peak resident memory (VmHWM) until it exits.</summary>
    public static (CliResult Result, long PeakKb, TimeSpan Elapsed) RunMeasured(params string[] args)
    {
        var start = Support.Cli.StartInfo(args);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.WaitForExit(TimeSpan.FromMilliseconds(25)))
        {
            peak = Math.Max(peak, PeakResidentKb(process.Id));
            if (clock.Elapsed > TimeSpan.FromMinutes(2))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("duckdetect " + string.Join(' ', args) + " did not finish");
            }
        }
        return (new CliResult(process.ExitCode, stdout.Result, stderr.Result), peak, clock.Elapsed);
    }

    private static long PeakResidentKb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>A JSON value written as is by <see cref="System.Text.Json.JsonSerializer"/>.</summary>
    [System.Text.Json.Serialization.JsonConverter(typeof(RawJsonConverter))]
    public sealed record RawJson(string Json);

    private sealed class RawJsonConverter : System.Text.Json.Serialization.JsonConverter<RawJson>
    {
        public override RawJson Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) =>
            throw new NotSupportedException();

        public override void Write(System.Text.Json.Utf8JsonWriter writer, RawJson value, System.Text.Json.JsonSerializerOptions options) =>
            writer.WriteRawValue(value.Json, skipInputValidation: true);
    }
}

/// <summary>
/// Permission tests need permission bits that apply: as root (tests and CI run as root) the CLI runs as nobody
/// through setpriv; as another user, chmod 000 applies to the test itself. Skipped, with the reason, otherwise.
/// </summary>
public sealed class PermissionFactAttribute : FactAttribute
{
    public const string Setpriv = "/usr/bin/setpriv";

    public const int Nobody = 65534;

    public PermissionFactAttribute()
    {
        if (Unprivileged.WhyNot() is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>Runs the CLI as a user that permission bits apply to.</summary>
public static class Unprivileged
{
    public static bool IsRoot => !OperatingSystem.IsWindows() && Environment.UserName == "root";

    /// <summary>Why permission tests cannot run here, or null when they can.</summary>
    public static string? WhyNot()
    {
        if (OperatingSystem.IsWindows())
        {
            return "permission bits are a Unix feature";
        }
        if (IsRoot)
        {
            if (!File.Exists(PermissionFactAttribute.Setpriv))
            {
                return $"running as root, where permission bits do not apply, and {PermissionFactAttribute.Setpriv} is missing to run as another user";
            }
            // The unprivileged process must reach the built CLI.
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (!dir.UnixFileMode.HasFlag(UnixFileMode.OtherExecute))
                {
                    return $"running as root, and {dir.FullName} cannot be entered by uid {PermissionFactAttribute.Nobody}";
                }
            }
            return null;
        }
        // Not root: check that chmod 000 really denies (some file systems ignore it).
        var probe = Path.Combine(Path.GetTempPath(), $"duckdetect-perm-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
        File.WriteAllText(probe, "x");
        try
        {
            File.SetUnixFileMode(probe, UnixFileMode.None);
            try
            {
                File.ReadAllText(probe);
                return "chmod 000 does not deny reading here (file system without permission bits)";
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }
        }
        finally
        {
            File.SetUnixFileMode(probe, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.Delete(probe);
        }
    }

    /// <summary>A temporary folder that the unprivileged user can write (mode 0777), deleted by the caller.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static string SharedFolder()
    {
        var folder = Directory.CreateTempSubdirectory("duckdetect-perm-").FullName;
        File.SetUnixFileMode(folder, (UnixFileMode)0x1FF);
        return folder;
    }

    /// <summary>Runs duckdetect as nobody (through setpriv) when root, else as the current user.</summary>
    public static CliResult Run(string home, params string[] args)
    {
        var start = Support.Cli.StartInfo(args);
        if (IsRoot)
        {
            // setpriv runs the same command line as nobody.
            start.ArgumentList.Insert(0, start.FileName);
            foreach (var arg in new[] { $"--reuid={PermissionFactAttribute.Nobody}", $"--regid={PermissionFactAttribute.Nobody}", "--clear-groups" }.Reverse())
            {
                start.ArgumentList.Insert(0, arg);
            }
            start.FileName = PermissionFactAttribute.Setpriv;
        }
        start.Environment["HOME"] = home;
        start.Environment["DOTNET_CLI_HOME"] = home;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("duckdetect " + string.Join(' ', args) + " did not finish");
        }
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
