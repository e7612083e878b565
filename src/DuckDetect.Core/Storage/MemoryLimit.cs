using System.Data;
using System.Globalization;
using Dapper;

namespace DuckDetect.Core.Storage;

/// <summary>
/// DuckDB's memory limit, set for a stretch of work and put back after it. It is put back by setting the value read
/// before: in DuckDB 1.5 <c>RESET memory_limit</c> reports the default again but leaves the buffer pool at the last
/// value set, so that everything after an ingest (detect, publish) ran under the ingest's last limit. DuckDB reports
/// the limit to one decimal, cut rather than rounded ("18.8 GiB" for 18.83 GiB, and "18.7 GiB" once 18.8 GiB is set):
/// the value set back is the one reported plus 0.04 of its unit, which DuckDB reports as before.
/// </summary>
public sealed class MemoryLimit : IDisposable
{
    private readonly IDbConnection _connection;
    private readonly string _before;

    private MemoryLimit(IDbConnection connection, string before)
    {
        _connection = connection;
        _before = before;
    }

    /// <summary>Reads the limit in force, to be set again on dispose.</summary>
    public static MemoryLimit Keep(IDbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return new MemoryLimit(connection, connection.ExecuteScalar<string>("SELECT current_setting('memory_limit')")!);
    }

    /// <summary>Sets the limit to <paramref name="bytes"/>, for every statement after it (also inside <paramref name="transaction"/>).</summary>
    public static void Set(IDbConnection connection, long bytes, IDbTransaction? transaction = null) =>
        connection.Execute("SET memory_limit = " + SqlText.Literal(bytes.ToString(CultureInfo.InvariantCulture) + "B"), transaction: transaction);

    /// <summary>Sets the limit read by <see cref="Keep"/> again.</summary>
    public void Dispose() => _connection.Execute("SET memory_limit = " + SqlText.Literal(Restorable(_before)));

    /// <summary>"18.8 GiB" as "18.84 GiB"; a value of another form as it is.</summary>
    internal static string Restorable(string reported)
    {
        var parts = reported.Split(' ', 2);
        return parts.Length == 2 && decimal.TryParse(parts[0], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? (value + 0.04m).ToString(CultureInfo.InvariantCulture) + " " + parts[1]
            : reported;
    }
}
