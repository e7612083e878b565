namespace DuckDetect.Core.Tuning;

/// <summary>What tune evaluates: the window ends in (From, To] (defaults: the first event, now) at each threshold.</summary>
public sealed record TuneRequest
{
    public static readonly IReadOnlyList<long> DefaultThresholds = [200, 300, 500, 800, 1000];

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    public IReadOnlyList<long> Thresholds { get; init; } = DefaultThresholds;

    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Parses <c>--thresholds 200,300,500</c>: whole numbers of at least 1.</summary>
    public static IReadOnlyList<long> ParseThresholds(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return DefaultThresholds;
        }
        var values = new List<long>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!long.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                throw new DuckDetectException(FailureKind.InvalidArguments, $"--thresholds: '{part}' is not a whole number of at least 1");
            }
            values.Add(value);
        }
        return values.Count > 0 ? values.Distinct().Order().ToList()
            : throw new DuckDetectException(FailureKind.InvalidArguments, "--thresholds needs at least one threshold");
    }
}
