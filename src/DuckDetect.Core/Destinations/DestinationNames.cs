using System.Text.RegularExpressions;

namespace DuckDetect.Core.Destinations;

/// <summary>What a destination may be called: 1 to 64 letters, digits, '.', '_' or '-' (as a consumer).</summary>
public static partial class DestinationNames
{
    public static string Check(string name) =>
        Name().IsMatch(name)
            ? name
            : throw new DuckDetectException(FailureKind.InvalidArguments,
                $"'{name}' is not a destination name: use 1 to 64 letters, digits, '.', '_' or '-'");

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex Name();
}
