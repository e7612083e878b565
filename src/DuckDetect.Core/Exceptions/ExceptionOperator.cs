namespace DuckDetect.Core.Exceptions;

/// <summary>
/// How an exception's values are compared with a field's: <c>is</c> and <c>is-not</c> (equal to one of them, or to
/// none), <c>matches</c> (a glob: <c>*</c>, <c>?</c>, <c>[abc]</c>, case-sensitive), <c>in-cidr</c> (inside one of the
/// IPv4 or IPv6 networks).
/// </summary>
public static class ExceptionOperator
{
    public const string Is = "is";
    public const string IsNot = "is-not";
    public const string Matches = "matches";
    public const string InCidr = "in-cidr";

    public static readonly IReadOnlyList<string> All = [Is, IsNot, Matches, InCidr];

    public static string Parse(string? name)
    {
        var normalized = name?.Trim().ToLowerInvariant().Replace('_', '-');
        return All.FirstOrDefault(o => o == normalized)
            ?? throw new DuckDetectException(FailureKind.InvalidArguments,
                $"unknown exception operator '{name}'; use one of {string.Join(", ", All)}");
    }

    /// <summary>
    /// The values as matching compares them: CIDRs as their family and prefix bits (<see cref="CidrPrefix"/>),
    /// the others as given. Throws (invalid arguments) on an empty value, a bad glob or a bad CIDR.
    /// </summary>
    public static IReadOnlyList<string> MatchValues(string field, string op, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments, "an exception needs at least one --value");
        }
        if (values.Any(string.IsNullOrWhiteSpace))
        {
            throw new DuckDetectException(FailureKind.InvalidArguments, "an exception --value cannot be empty");
        }
        if (op == InCidr && field != "source_ip")
        {
            throw new DuckDetectException(FailureKind.InvalidArguments, $"in-cidr compares IP addresses: it applies to source_ip, not {field}");
        }
        return op switch
        {
            InCidr => values.Select(CidrPrefix.Parse).ToList(),
            Matches => values.Select(CheckGlob).ToList(),
            _ => values.ToList(),
        };
    }

    private static string CheckGlob(string glob)
    {
        var open = glob.IndexOf('[', StringComparison.Ordinal);
        if (open >= 0 && glob.IndexOf(']', open + 1) < 0)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments, $"the glob '{glob}' opens a [ set it never closes");
        }
        return glob;
    }
}
