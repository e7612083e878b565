using System.Globalization;

namespace DuckDetect.Core.Generate;

/// <summary>What <c>generate</c> writes; <see cref="Create"/> checks the values a user gives.</summary>
public sealed record GenerateOptions
{
    /// <summary>The first day when none is given: a fixed date, so that the same seed gives the same files.</summary>
    public static readonly DateOnly DefaultStart = new(2025, 6, 2);

    /// <summary>Enough for the planted cases (about 14,500 events on the first day) and background traffic.</summary>
    public const long MinEventsPerDay = 16_000;

    /// <summary>A day's events are held in memory: measured 4.3 GB at 1 million a day, 6.1 GB at 3 million (JSON).</summary>
    public const long MaxEventsPerDay = 3_000_000;

    public const int MaxDays = 3_660;

    public required string OutputFolder { get; init; }

    public required int Days { get; init; }

    public required long EventsPerDay { get; init; }

    public DateOnly Start { get; init; } = DefaultStart;

    public long Seed { get; init; } = 1;

    public GenerateFormat Format { get; init; } = GenerateFormat.Json;

    /// <summary>Minutes of one account and region per delivery file: 5 (CloudTrail's), up to a day (1440).</summary>
    public int FileMinutes { get; init; } = 5;

    /// <summary>Whether the planted principals' Bedrock model invocation logs are written beside the CloudTrail.</summary>
    public bool InvocationLogs { get; init; } = true;

    /// <summary>Parses and checks command-line values; a bad one is <see cref="FailureKind.InvalidArguments"/>.</summary>
    public static GenerateOptions Create(string outputFolder, int days, long eventsPerDay, string? start, long seed, string? format,
        int fileMinutes = 5, bool invocationLogs = true)
    {
        if (string.IsNullOrWhiteSpace(outputFolder))
        {
            throw Invalid("--out must name a folder");
        }
        if (days is < 1 or > MaxDays)
        {
            throw Invalid($"--days must be between 1 and {MaxDays:N0} (got {days})");
        }
        if (eventsPerDay is < MinEventsPerDay or > MaxEventsPerDay)
        {
            throw Invalid($"--events-per-day must be between {MinEventsPerDay:N0} (room for the planted cases) and {MaxEventsPerDay:N0} (got {eventsPerDay:N0})");
        }
        if (seed < 0)
        {
            throw Invalid($"--seed must be zero or more (got {seed})");
        }
        if (fileMinutes < 5 || fileMinutes > 1440 || fileMinutes % 5 != 0 || 1440 % fileMinutes != 0)
        {
            throw Invalid($"--file-minutes must be a multiple of 5 that divides a day (5, 10, 15, 30, 60, 180, 1440, ...; got {fileMinutes})");
        }
        var parsedFormat = ParseFormat(format);
        if (fileMinutes != 5 && parsedFormat == GenerateFormat.Parquet)
        {
            throw Invalid("--file-minutes applies to JSON only (Parquet is written as one file per 5 minutes)");
        }
        return new GenerateOptions
        {
            OutputFolder = Path.GetFullPath(outputFolder),
            Days = days,
            EventsPerDay = eventsPerDay,
            Start = ParseStart(start),
            Seed = seed,
            Format = parsedFormat,
            FileMinutes = fileMinutes,
            InvocationLogs = invocationLogs,
        };
    }

    private static DateOnly ParseStart(string? start)
    {
        if (string.IsNullOrEmpty(start))
        {
            return DefaultStart;
        }
        if (!DateOnly.TryParseExact(start, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw Invalid($"--start must be a date as YYYY-MM-DD (got '{start}')");
        }
        if (date.Year is < 1971 or > 9000)
        {
            throw Invalid($"--start must be between 1971 and 9000 (got '{start}')");
        }
        return date;
    }

    private static GenerateFormat ParseFormat(string? format) => format?.ToUpperInvariant() switch
    {
        null or "" or "JSON" => GenerateFormat.Json,
        "PARQUET" => GenerateFormat.Parquet,
        _ => throw Invalid($"--format must be json or parquet (got '{format}')"),
    };

    private static DuckDetectException Invalid(string message) => new(FailureKind.InvalidArguments, message);
}
