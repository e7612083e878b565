using System.Collections.Concurrent;
using System.Reflection;

namespace DuckDetect.Core.Storage;

/// <summary>Loads the SQL (and rule definitions) compiled in from the repository's <c>sql/</c> folder.</summary>
public static class SqlScripts
{
    private static readonly Assembly Assembly = typeof(SqlScripts).Assembly;
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    /// <summary>The text of <c>sql/{name}</c>, for example <c>ingest/normalize.sql</c>.</summary>
    public static string Get(string name) => Cache.GetOrAdd(name, Load);

    /// <summary>Names under a folder of <c>sql/</c>, in ordinal order.</summary>
    public static IReadOnlyList<string> List(string folder)
    {
        var prefix = "sql/" + folder.TrimEnd('/') + "/";
        return Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => n["sql/".Length..])
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static string Load(string name)
    {
        using var stream = Assembly.GetManifestResourceStream("sql/" + name)
            ?? throw new InvalidOperationException($"No embedded SQL script named 'sql/{name}'.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
