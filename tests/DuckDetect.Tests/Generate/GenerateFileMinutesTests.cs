using DuckDetect.Core;
using DuckDetect.Core.Generate;

namespace DuckDetect.Tests.Generate;

/// <summary><c>generate --file-minutes</c>: longer delivery files holding exactly the events of the 5-minute ones.</summary>
public sealed class GenerateFileMinutesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("duckdetect-gen-minutes-").FullName;

    [Fact]
    public void HourlyFiles_HoldTheSameEvents_OneFilePerAccountRegionAndHour()
    {
        var five = Generate("five", 5);
        var hourly = Generate("hourly", 60);

        using var fiveEvents = EventReader.Json(five);
        using var hourlyEvents = EventReader.Json(hourly);
        const string Digest = "SELECT count(*) || ':' || md5(string_agg(event_id || '|' || event_time || '|' || coalesce(arn, ''), ',' ORDER BY event_id)) FROM events";
        Assert.Equal(fiveEvents.Scalar<string>(Digest), hourlyEvents.Scalar<string>(Digest));
        // One file per account, region and hour with events (at most 3 x 3 x 24), named by its hour and holding only
        // that hour of its account and region.
        Assert.InRange(hourlyEvents.Scalar<long>("SELECT count(DISTINCT file) FROM events"), 200L, 216L);
        Assert.Equal(
            hourlyEvents.Scalar<long>("SELECT count(DISTINCT file) FROM events"),
            hourlyEvents.Scalar<long>(
                @"SELECT count(DISTINCT (regexp_extract(file, 'AWSLogs/(\d+)/', 1), aws_region, date_trunc('hour', event_time))) FROM events"));
        Assert.Equal(0L, hourlyEvents.Scalar<long>(
            """
            SELECT count(*) FROM events
            WHERE strftime(event_time, '%Y%m%dT%H00Z') <> regexp_extract(file, '_(\d{8}T\d{4}Z)_', 1)
               OR NOT contains(file, '_CloudTrail_' || aws_region || '_')
            """));
    }

    [Theory]
    [InlineData(7, "json")]
    [InlineData(0, "json")]
    [InlineData(2880, "json")]
    [InlineData(25, "json")]
    [InlineData(60, "parquet")]
    public void FileMinutes_NotAMultipleOfFiveDividingADay_OrWithParquet_IsInvalid(int minutes, string format)
    {
        var ex = Assert.Throws<DuckDetectException>(() => GenerateOptions.Create("out", 1, 20_000, null, 1, format, minutes));
        Assert.Equal(FailureKind.InvalidArguments, ex.Kind);
        Assert.Contains("--file-minutes", ex.Message, StringComparison.Ordinal);
    }

    private string Generate(string name, int minutes)
    {
        var options = GenerateOptions.Create(Path.Combine(_folder, name), 1, 16_000, null, 1, "json", minutes);
        new Generator(NullStatusSink.Instance).Run(options);
        return options.OutputFolder;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
