using System.Diagnostics;
using Amazon.Runtime;
using Amazon.S3;

namespace DuckDetect.Tests.Support;

/// <summary>
/// The local S3-compatible server of the tests: s3rver (npm), run by tests/s3server/server.js on a free port of
/// 127.0.0.1, one for the whole test process, its buckets in a temporary folder. Its node_modules are installed
/// (npm ci, from the committed package-lock.json) when missing, so a plain `dotnet test` works on a fresh machine
/// that has Node.js and npm (.ci/run installs them). It exits with the test process (its standard input closes).
/// </summary>
public sealed class S3Server
{
    /// <summary>The tests' key pair, registered by server.js: no output or database may ever show the secret.</summary>
    public const string AccessKey = "DUCKDETECTTEST";

    public const string SecretKey = "dd-test-secret-6f1c0e2a9b7d4c3e8a5f";

    private static readonly Lazy<S3Server> Instance = new(() => new S3Server());

    private readonly Process _process;

    private S3Server()
    {
        var folder = Path.Combine(RepoPaths.Root, "tests", "s3server");
        Install(folder);
        Directory = System.IO.Directory.CreateTempSubdirectory("duckdetect-s3rver-").FullName;
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--openssl-legacy-provider"); // s3rver's continuation tokens use DES
        start.ArgumentList.Add("server.js");
        start.ArgumentList.Add(Directory);
        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var line = _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)).GetAwaiter().GetResult();
        if (line is null || !line.StartsWith("listening ", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"s3rver did not start: {line} {_process.StandardError.ReadToEnd()}");
        }
        Endpoint = "http://127.0.0.1:" + line["listening ".Length..];
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
    }

    public static S3Server Shared => Instance.Value;

    /// <summary>http://127.0.0.1:PORT</summary>
    public string Endpoint { get; }

    /// <summary>Where s3rver keeps the buckets (BUCKET/KEY._S3rver_object).</summary>
    public string Directory { get; }

    /// <summary>What a duckdetect process needs to reach the server: the tests' credentials and region, no instance metadata.</summary>
    public static Dictionary<string, string> Environment => new()
    {
        ["AWS_ACCESS_KEY_ID"] = AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = SecretKey,
        ["AWS_REGION"] = "us-east-1",
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_CONFIG_FILE"] = "/nonexistent/duckdetect-test-aws-config",
        ["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/duckdetect-test-aws-credentials",
    };

    /// <summary>Gives this test process the server's credentials (the in-process ingest reads them as the SDK's chain does).</summary>
    public static void UseCredentials()
    {
        foreach (var (name, value) in Environment)
        {
            System.Environment.SetEnvironmentVariable(name, value);
        }
    }

    /// <summary>A client of the server (or of <paramref name="endpoint"/>, a proxy in front of it), for the tests' own uploads.</summary>
    public AmazonS3Client Client(string? endpoint = null) => new(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonS3Config
    {
        ServiceURL = endpoint ?? Endpoint,
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    private void Stop()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(5000))
            {
                _process.Kill();
            }
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            // The process is ending: what is left is in the temporary folder.
        }
    }

    private static FileStream LockInstall()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(Path.Combine(Path.GetTempPath(), "duckdetect-s3rver-install.lock"), FileMode.OpenOrCreate,
                    FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (clock.Elapsed < TimeSpan.FromMinutes(10))
            {
                Thread.Sleep(500);
            }
        }
    }

    /// <summary>npm ci, once per machine (under a lock file, for test processes started side by side).</summary>
    private static void Install(string folder)
    {
        if (File.Exists(Path.Combine(folder, "node_modules", "s3rver", "package.json")))
        {
            return;
        }
        using var lockFile = LockInstall();
        if (File.Exists(Path.Combine(folder, "node_modules", "s3rver", "package.json")))
        {
            return;
        }
        var npm = new ProcessStartInfo("npm") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "ci", "--no-audit", "--no-fund", "--loglevel=error" })
        {
            npm.ArgumentList.Add(arg);
        }
        Process process;
        try
        {
            process = Process.Start(npm)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("the S3 tests start s3rver, which needs Node.js (18 or later) and npm: apt-get install nodejs npm", ex);
        }
        using (process)
        {
            var output = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm ci in {folder} failed: {output.Result}");
            }
        }
    }
}
