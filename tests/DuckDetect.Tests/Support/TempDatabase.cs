using Dapper;
using DuckDetect.Core.Storage;

namespace DuckDetect.Tests.Support;

/// <summary>A throwaway DuckDetect database file and a scratch folder for input files, deleted on dispose.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Folder = Directory.CreateTempSubdirectory("duckdetect-test-").FullName;
        Path = System.IO.Path.Combine(Folder, "test.duckdb");
        InputFolder = Directory.CreateDirectory(System.IO.Path.Combine(Folder, "input")).FullName;
    }

    public string Folder { get; }

    public string Path { get; }

    public string InputFolder { get; }

    /// <summary>Opens the database (creating and migrating it); dispose the session before running the CLI on it.</summary>
    public DuckDbSession Open() => DuckDbSession.Open(Path);

    /// <summary>Writes a file under the input folder (creating sub-folders) and returns its full path.</summary>
    public string WriteInput(string relativePath, string content)
    {
        var full = System.IO.Path.Combine(InputFolder, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    /// <summary>Writes a gzip-compressed file under the input folder.</summary>
    public string WriteGzipInput(string relativePath, string content)
    {
        var full = System.IO.Path.Combine(InputFolder, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        using var file = File.Create(full);
        using var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest);
        gzip.Write(System.Text.Encoding.UTF8.GetBytes(content));
        return full;
    }

    /// <summary>Runs one scalar query on a fresh session.</summary>
    public T Scalar<T>(string sql, object? parameters = null)
    {
        using var session = Open();
        return session.Connection.ExecuteScalar<T>(sql, parameters)!;
    }

    /// <summary>Runs a query on a fresh session.</summary>
    public List<T> Query<T>(string sql, object? parameters = null)
    {
        using var session = Open();
        return session.Connection.Query<T>(sql, parameters).ToList();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
