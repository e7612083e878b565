using System.Data;
using System.Globalization;
using System.Security.Cryptography;
using Dapper;
using DuckDB.NET.Data;
using DuckDetect.Core;
using DuckDetect.Core.Ingest;
using DuckDetect.Core.Storage;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Ingest;

/// <summary>Keeps every message that ingest reports, so that tests can assert on warnings and errors.</summary>
public sealed class RecordingStatusSink : IStatusSink
{
    private readonly Lock _gate = new();
    private readonly List<string> _infos = [];
    private readonly List<string> _warnings = [];
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Infos => Snapshot(_infos);

    public IReadOnlyList<string> Warnings => Snapshot(_warnings);

    public IReadOnlyList<string> Errors => Snapshot(_errors);

    public void Info(string message) => Add(_infos, message);

    public void Warn(string message) => Add(_warnings, message);

    public void Error(string message) => Add(_errors, message);

    public void Progress(string operation, long done, long total, string detail)
    {
    }

    private void Add(List<string> list, string message)
    {
        lock (_gate)
        {
            list.Add(message);
        }
    }

    private List<string> Snapshot(List<string> list)
    {
        lock (_gate)
        {
            return [.. list];
        }
    }
}

/// <summary>What one <see cref="Ingestor.Run"/> call returned and reported.</summary>
public sealed record IngestRun(IngestSummary Summary, RecordingStatusSink Status);

/// <summary>A row of <c>ingested_files</c>, with the times as UTC text (microseconds).</summary>
public sealed class FileRow
{
    public string Path { get; set; } = "";

    public long SizeBytes { get; set; }

    public string ModifiedAt { get; set; } = "";

    public string? Fingerprint { get; set; }

    public string? Format { get; set; }

    public long EventsRead { get; set; }

    public long EventsNew { get; set; }

    public long EventsSkipped { get; set; }

    public string Status { get; set; } = "";

    public string? Error { get; set; }

    public long? IngestBatch { get; set; }

    public string IngestedAt { get; set; } = "";

    public override string ToString() =>
        $"{Path} {Status} read={EventsRead} new={EventsNew} skipped={EventsSkipped} format={Format} error={Error}";
}

/// <summary>Helpers shared by the ingest tests: run ingest, build inputs, read back what landed.</summary>
public static class IngestKit
{
    /// <summary>The time of the first test event; later ones are a second apart.</summary>
    public static readonly DateTimeOffset T0 = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private const string FileRowSelect =
        """
        SELECT path AS Path, size_bytes AS SizeBytes,
               strftime(modified_at, '%Y-%m-%d %H:%M:%S.%f') AS ModifiedAt,
               fingerprint AS Fingerprint, format AS Format, events_read AS EventsRead, events_new AS EventsNew,
               events_skipped AS EventsSkipped, status AS Status, error AS Error, ingest_batch AS IngestBatch,
               strftime(ingested_at, '%Y-%m-%d %H:%M:%S.%f') AS IngestedAt
        FROM ingested_files
        """;

    /// <summary>Every batch loaded the exact way (staged, counted, deduplicated), to compare with the single pass.</summary>
    public static readonly IngestOptions ExactOnly = new() { ExactOnly = true };

    public static IngestRun RunIngest(TempDatabase db, params string[] paths) => RunIngest(db, null, paths);

    public static IngestRun RunIngest(TempDatabase db, IngestOptions? options, params string[] paths)
    {
        var status = new RecordingStatusSink();
        using var session = db.Open();
        var summary = new Ingestor(session, status, options).Run(paths);
        return new IngestRun(summary, status);
    }

    /// <summary>Records <paramref name="prefix"/>-0 .. -(count-1), one second apart from <paramref name="start"/> (default <see cref="T0"/>).</summary>
    public static List<object> Events(string prefix, int count, DateTimeOffset? start = null) =>
        Enumerable.Range(0, count)
            .Select(i => (object)CloudTrailJson.Event($"{prefix}-{i}", (start ?? T0).AddSeconds(i)))
            .ToList();

    public static Dictionary<string, object?> EventWith(string eventId, params (string Field, object? Value)[] overrides) =>
        CloudTrailJson.Event(eventId, T0, overrides.ToDictionary(o => o.Field, o => o.Value));

    public static FileRow FileRow(TempDatabase db, string path) =>
        db.Query<FileRow>(FileRowSelect + " WHERE path = $path", new { path }).Single();

    public static List<FileRow> FileRows(TempDatabase db) => db.Query<FileRow>(FileRowSelect + " ORDER BY path");

    public static List<string> EventIds(TempDatabase db) =>
        db.Query<string>("SELECT event_id FROM cloudtrail_events ORDER BY event_id");

    public static long EventCount(TempDatabase db) => db.Scalar<long>("SELECT count(*) FROM cloudtrail_events");

    public static long EventCountFrom(TempDatabase db, string path) =>
        db.Scalar<long>("SELECT count(*) FROM cloudtrail_events WHERE source_file = $path", new { path });

    /// <summary>Every column of one stored event, as text (NULL stays null); event_time as UTC text with microseconds.</summary>
    public static Dictionary<string, string?> EventRow(TempDatabase db, string eventId)
    {
        using var session = db.Open();
        return EventRow(session.Connection, eventId);
    }

    public static Dictionary<string, string?> EventRow(IDbConnection connection, string eventId)
    {
        var row = (IDictionary<string, object?>)connection.QuerySingle(
            """
            SELECT CAST(COLUMNS(* EXCLUDE (event_time)) AS VARCHAR),
                   strftime(event_time, '%Y-%m-%d %H:%M:%S.%f') AS event_time
            FROM cloudtrail_events WHERE event_id = $eventId
            """,
            new { eventId });
        return row.ToDictionary(c => c.Key, c => c.Value as string, StringComparer.Ordinal);
    }

    /// <summary>The stored event_time of an event as UTC text with microseconds.</summary>
    public static string EventTime(TempDatabase db, string eventId) =>
        db.Scalar<string>(
            "SELECT strftime(event_time, '%Y-%m-%d %H:%M:%S.%f') FROM cloudtrail_events WHERE event_id = $eventId",
            new { eventId });

    /// <summary>Writes a Parquet file with DuckDB: <c>COPY (select) TO path (FORMAT parquet)</c>.</summary>
    public static string WriteParquet(string path, string select)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        connection.Execute($"COPY ({select}) TO {SqlText.Literal(path)} (FORMAT parquet)");
        return path;
    }

    public static string Sha256Of(string path) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>A file's modification time as ingested_files stores it (UTC, microseconds).</summary>
    public static string ModifiedAtText(string path)
    {
        var utc = File.GetLastWriteTimeUtc(path);
        var micros = new DateTime(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
        return micros.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Makes a file unreadable to ingest until disposed: no permission bits, and (because root ignores those)
    /// an exclusive lock that .NET honours when ingest opens the file.
    /// </summary>
    public static IDisposable MakeUnreadable(string path) => new UnreadableFile(path);

    private sealed class UnreadableFile : IDisposable
    {
        private readonly string _path;
        private readonly UnixFileMode _mode;
        private readonly FileStream _lock;

        public UnreadableFile(string path)
        {
            _path = path;
            _lock = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
            if (!OperatingSystem.IsWindows())
            {
                _mode = File.GetUnixFileMode(path);
                File.SetUnixFileMode(path, UnixFileMode.None);
            }
        }

        public void Dispose()
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(_path, _mode);
            }
            _lock.Dispose();
        }
    }

    /// <summary>Both databases hold the same events (every column but when and in which batch) and file rows.</summary>
    public static void AssertSameLoads(TempDatabase actual, TempDatabase expected)
    {
        using var session = actual.Open();
        var connection = session.Connection;
        connection.Execute($"ATTACH {Core.Storage.SqlText.Literal(expected.Path)} AS expected (READ_ONLY)");
        const string Events = "SELECT * EXCLUDE (ingest_batch, ingested_at) FROM {0}cloudtrail_events";
        const string Files = "SELECT path, size_bytes, fingerprint, format, events_read, events_new, events_skipped, status, error FROM {0}ingested_files";
        foreach (var query in new[] { Events, Files })
        {
            var mine = string.Format(System.Globalization.CultureInfo.InvariantCulture, query, "");
            var theirs = string.Format(System.Globalization.CultureInfo.InvariantCulture, query, "expected.");
            Assert.Equal(0, connection.ExecuteScalar<long>($"SELECT count(*) FROM ({mine} EXCEPT ALL {theirs})"));
            Assert.Equal(0, connection.ExecuteScalar<long>($"SELECT count(*) FROM ({theirs} EXCEPT ALL {mine})"));
        }
        Assert.True(connection.ExecuteScalar<long>("SELECT count(*) FROM cloudtrail_events") > 0);
    }
}
