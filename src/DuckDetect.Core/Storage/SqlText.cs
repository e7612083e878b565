using System.Globalization;
using System.Text;

namespace DuckDetect.Core.Storage;

/// <summary>
/// The one place where values become SQL text. Everything else binds <c>$name</c> parameters;
/// these helpers exist for table-function arguments (file lists) that DuckDB does not accept as parameters.
/// </summary>
public static class SqlText
{
    /// <summary>A single-quoted SQL string literal: <c>'</c> doubled, NUL rejected.</summary>
    public static string Literal(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("A SQL literal cannot hold a NUL character.", nameof(value));
        }
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    /// <summary>A double-quoted SQL identifier: <c>"</c> doubled.</summary>
    public static string Identifier(string name) =>
        "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A DuckDB list literal of string literals: <c>['a', 'b''c']</c>.</summary>
    public static string ListLiteral(IEnumerable<string> values)
    {
        var sb = new StringBuilder("[");
        var first = true;
        foreach (var v in values)
        {
            if (!first)
            {
                sb.Append(", ");
            }
            sb.Append(Literal(v));
            first = false;
        }
        return sb.Append(']').ToString();
    }

    /// <summary>A TIMESTAMPTZ literal for scripts printed for the duckdb CLI.</summary>
    public static string TimestampLiteral(DateTimeOffset value) =>
        "TIMESTAMPTZ " + Literal(value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'+00'", CultureInfo.InvariantCulture));

    /// <summary>Replaces <c>{{name}}</c> placeholders of a script with already-quoted SQL fragments.</summary>
    public static string Fill(string template, IReadOnlyDictionary<string, string> fragments)
    {
        var text = template;
        foreach (var (key, fragment) in fragments)
        {
            text = text.Replace("{{" + key + "}}", fragment, StringComparison.Ordinal);
        }
        if (text.Contains("{{", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("A SQL template still has an unfilled {{placeholder}}.");
        }
        return text;
    }
}
