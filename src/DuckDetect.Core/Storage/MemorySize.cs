using System.Globalization;
using System.Text.RegularExpressions;

namespace DuckDetect.Core.Storage;

/// <summary>
/// Sizes of memory as people and DuckDB write them: <c>4GB</c>, <c>1.5 GiB</c>, <c>800MB</c>, <c>1073741824</c>
/// (bytes). KB, MB, GB and TB are powers of 1000 and KiB, MiB, GiB and TiB powers of 1024, as in DuckDB.
/// </summary>
public static partial class MemorySize
{
    /// <summary>The bytes <paramref name="text"/> names, or null when it is not a size.</summary>
    public static long? TryParse(string? text)
    {
        if (text is null || SizePattern().Match(text.Trim()) is not { Success: true } m)
        {
            return null;
        }
        if (!decimal.TryParse(m.Groups["value"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }
        var unit = m.Groups["unit"].Value.ToUpperInvariant();
        decimal factor = unit switch
        {
            "" or "B" => 1m,
            "KB" => 1e3m,
            "MB" => 1e6m,
            "GB" => 1e9m,
            "TB" => 1e12m,
            "KIB" => 1024m,
            "MIB" => 1024m * 1024,
            "GIB" => 1024m * 1024 * 1024,
            "TIB" => 1024m * 1024 * 1024 * 1024,
            _ => 0m,
        };
        var bytes = value * factor;
        return factor == 0m || bytes < 1m || bytes > long.MaxValue ? null : (long)bytes;
    }

    /// <summary>A size for people: <c>768 MB</c>, <c>2.4 GB</c> (powers of 1000, as <c>df -H</c> and most dashboards).</summary>
    public static string Describe(long bytes) => bytes switch
    {
        >= 10_000_000_000 => (bytes / 1e9).ToString("0", CultureInfo.InvariantCulture) + " GB",
        >= 1_000_000_000 => (bytes / 1e9).ToString("0.0", CultureInfo.InvariantCulture) + " GB",
        >= 10_000_000 => (bytes / 1e6).ToString("0", CultureInfo.InvariantCulture) + " MB",
        >= 1_000_000 => (bytes / 1e6).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
        >= 1_000 => (bytes / 1e3).ToString("0", CultureInfo.InvariantCulture) + " kB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " bytes",
    };

    [GeneratedRegex(@"^(?<value>[0-9]+(\.[0-9]+)?)\s*(?<unit>[A-Za-z]*)$")]
    private static partial Regex SizePattern();
}
