using System.Data;
using Dapper;
using DuckDB.NET.Data;

namespace DuckDetect.Core.Storage;

/// <summary>
/// Binds a whole list as one DuckDB LIST parameter (for <c>unnest($name)</c>); Dapper would otherwise
/// expand it into one parameter per element.
/// </summary>
public sealed class ListParameter<T>(IReadOnlyList<T> values) : SqlMapper.ICustomQueryParameter
{
    public void AddParameter(IDbCommand command, string name)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Parameters.Add(new DuckDBParameter(name, values.ToList()));
    }
}

/// <summary>Creates <see cref="ListParameter{T}"/> values.</summary>
public static class ListParameter
{
    public static ListParameter<T> Of<T>(IEnumerable<T> values) => new(values.ToList());
}
