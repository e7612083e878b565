using Dapper;
using DuckDB.NET.Data;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Generate;

/// <summary>
/// Writes the day's events as Parquet: DuckDB writes one file per delivery file into partition folders
/// (<c>file_no=N/</c>) of a scratch folder, and this moves each into the S3 layout under its CloudTrail name.
/// </summary>
internal static class ParquetDeliveryWriter
{
    public static WrittenFiles Write(DuckDBConnection connection, string outputFolder, CancellationToken ct)
    {
        var scratch = Path.Combine(outputFolder, ".duckdetect-generate-tmp");
        if (Directory.Exists(scratch))
        {
            Directory.Delete(scratch, recursive: true);
        }
        try
        {
            connection.Execute(
                SqlText.Fill(SqlScripts.Get("generate/write_parquet.sql"), new Dictionary<string, string> { ["folder"] = SqlText.Literal(scratch) }),
                commandTimeout: 0);
            var files = connection.Query<DayFile>(SqlScripts.Get("generate/parquet_files.sql")).AsList();
            long events = 0;
            foreach (var file in files)
            {
                ct.ThrowIfCancellationRequested();
                var written = Directory.GetFiles(Path.Combine(scratch, $"file_no={file.FileNo}"));
                if (written.Length != 1)
                {
                    throw new InvalidOperationException(
                        $"DuckDB wrote {written.Length} Parquet files for delivery file {file.RelativePath}; expected one.");
                }
                var target = Path.Combine(outputFolder, file.RelativePath);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Move(written[0], target, overwrite: true);
                events += file.Events;
            }
            return new WrittenFiles(files.Count, events);
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }
}
