using DuckDB.NET.Data;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Generate;

/// <summary>
/// Writes the day's Bedrock model invocation log files (<c>generate/day_invocations.sql</c> made the records): DuckDB
/// builds each file's newline-delimited JSON (<c>generate/write_invocations.sql</c>); this hands them to the
/// <see cref="GzipFileWriter"/>. Only planted principals are logged, so a day holds a few thousand records at most.
/// </summary>
internal static class InvocationLogWriter
{
    public static WrittenFiles Write(DuckDBConnection connection, GenerateOptions options, GzipFileWriter gzip, CancellationToken ct)
    {
        using var command = connection.CreateCommand();
        command.CommandText = SqlScripts.Get("generate/write_invocations.sql");
        command.CommandTimeout = 0;
        command.UseStreamingMode = true;
        using var reader = command.ExecuteReader();
        return gzip.AddAll(reader, options.OutputFolder, ct);
    }
}
