using DuckDB.NET.Data;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Generate;

/// <summary>
/// Writes the day's delivery files: DuckDB builds each file's whole JSON document (<c>generate/write_json.sql</c>),
/// a few hours of the day at a time to bound memory; this hands the documents to the <see cref="GzipFileWriter"/>.
/// </summary>
internal static class JsonDeliveryWriter
{
    /// <summary>A day's files are numbered (5-minute interval * 9 + account * 3 + region): 288 intervals.</summary>
    private const int FilesPerDay = 288 * 9;

    /// <summary>Events per chunk: the documents of a chunk are held in memory at once.</summary>
    private const long EventsPerChunk = 1_000_000;

    public static WrittenFiles Write(DuckDBConnection connection, GenerateOptions options, GzipFileWriter gzip, CancellationToken ct)
    {
        var chunks = (int)Math.Clamp((options.EventsPerDay + EventsPerChunk - 1) / EventsPerChunk, 1, 24);
        // A chunk holds whole delivery files: a multiple of the 5-minute intervals one file spans.
        var perFile = options.FileMinutes / 5;
        var intervalsPerChunk = (((288 + chunks - 1) / chunks) + perFile - 1) / perFile * perFile;
        var files = 0;
        long events = 0;
        for (var first = 0; first < FilesPerDay; first += intervalsPerChunk * 9)
        {
            using var command = connection.CreateCommand();
            command.CommandText = SqlScripts.Get("generate/write_json.sql");
            command.CommandTimeout = 0;
            command.UseStreamingMode = true;
            command.Parameters.Add(new DuckDBParameter("first_file", first));
            command.Parameters.Add(new DuckDBParameter("last_file", first + (intervalsPerChunk * 9) - 1));
            using var reader = command.ExecuteReader();
            var written = gzip.AddAll(reader, options.OutputFolder, ct);
            files += written.Files;
            events += written.Events;
        }
        return new WrittenFiles(files, events);
    }
}
