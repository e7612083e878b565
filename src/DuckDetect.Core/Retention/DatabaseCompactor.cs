using Dapper;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Retention;

/// <summary>
/// <c>prune --compact</c>: DuckDB reuses the blocks a delete frees but does not give them back to the file system,
/// so the database is copied (tables, sequences with their values) into a new file in the same folder, flushed,
/// and renamed over the old one while the session still holds the old file's lock. The session must not write
/// afterwards: it still has the old file open.
/// </summary>
[DapperAot]
public static class DatabaseCompactor
{
    public static void CopyIntoNewFile(DuckDbSession session)
    {
        var connection = session.Connection;
        var path = Path.GetFullPath(session.Path);
        var temporary = $"{path}.compact-{Environment.ProcessId}";
        File.Delete(temporary);
        File.Delete(temporary + ".wal");
        session.Vacuum?.Allow();
        connection.Execute("CHECKPOINT");
        var name = connection.ExecuteScalar<string>("SELECT current_database()")!;
        connection.Execute($"ATTACH {SqlText.Literal(temporary)} AS duckdetect_compacted");
        try
        {
            connection.Execute($"COPY FROM DATABASE {SqlText.Identifier(name)} TO duckdetect_compacted", commandTimeout: 0);
        }
        finally
        {
            connection.Execute("DETACH duckdetect_compacted");
        }
        DurableFile.FlushToDisk(temporary);
        File.Move(temporary, path, overwrite: true);
    }
}
