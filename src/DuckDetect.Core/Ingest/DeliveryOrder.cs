using System.Globalization;
using System.Text.RegularExpressions;

namespace DuckDetect.Core.Ingest;

/// <summary>
/// The order files are loaded in: CloudTrail delivery files by the time in their name
/// (<c>ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHmmZ_UNIQUE.json.gz</c>), so that each batch holds a stretch of time
/// across all accounts and regions and its row groups' zone maps on event_time stay narrow; a path sorts by
/// account and region first, which would give every batch the whole range. Files without that time in their
/// name come first, in path order.
/// </summary>
internal static partial class DeliveryOrder
{
    public static List<PendingFile> Sort(IEnumerable<PendingFile> files) =>
        [.. files.Select((file, index) => (file, index, time: DeliveryTime(file.Path)))
                 .OrderBy(f => f.time ?? DateTime.MinValue)
                 .ThenBy(f => f.index)
                 .Select(f => f.file)];

    /// <summary>The delivery time in a CloudTrail file name, or null.</summary>
    public static DateTime? DeliveryTime(string path)
    {
        var match = NameTime().Match(Path.GetFileName(path));
        return match.Success && DateTime.TryParseExact(match.Groups[1].Value, "yyyyMMdd'T'HHmm", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : null;
    }

    [GeneratedRegex(@"_CloudTrail_[^_]+_(\d{8}T\d{4})Z_")]
    private static partial Regex NameTime();
}
