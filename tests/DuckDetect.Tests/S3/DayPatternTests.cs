using DuckDetect.Core.S3;

namespace DuckDetect.Tests.S3;

/// <summary>The day layouts a date root is recognised by, the day prefixes listed, and the day of a key.</summary>
public sealed class DayPatternTests
{
    private static readonly DateOnly Day = new(2026, 3, 2);

    [Theory]
    [InlineData("2026/", "{yyyy}/{MM}/{dd}/", "2026/03/02/", "2026/03/02/111122223333_CloudTrail_us-east-1_20260302T0000Z_a.json.gz")]
    [InlineData("eventDay=20260302/", "eventDay={yyyyMMdd}/", "eventDay=20260302/", "eventDay=20260302/part-0.gz.parquet")]
    [InlineData("eventHour=2026030214/", "eventHour={yyyyMMdd}", "eventHour=20260302", "eventHour=2026030223/part-0.gz.parquet")]
    [InlineData("year=2026/", "year={yyyy}/month={MM}/day={dd}/", "year=2026/month=03/day=02/", "year=2026/month=03/day=02/x.parquet")]
    [InlineData("dt=2026-03-02/", "dt={yyyy-MM-dd}/", "dt=2026-03-02/", "dt=2026-03-02/x.json.gz")]
    public void A_root_is_recognised_by_its_children_and_lists_and_dates_its_days(string child, string pattern, string prefix, string key)
    {
        var found = DayPattern.ForChild(child);

        Assert.NotNull(found);
        Assert.Equal(pattern, found.Pattern);
        Assert.Equal(prefix, found.PrefixOf(Day));
        Assert.Equal(Day, found.DayOf(key));
    }

    [Theory]
    [InlineData("CloudTrail/")]
    [InlineData("us-east-1/")]
    [InlineData("1234/")]
    [InlineData("111122223333/")]
    [InlineData("region=us-east-1/")]
    [InlineData("2026")]
    public void Other_children_are_not_days(string child) => Assert.Null(DayPattern.ForChild(child));

    [Theory]
    [InlineData("2026/13/02/x.json.gz")]
    [InlineData("2026/02/30/x.json.gz")]
    [InlineData("x.json.gz")]
    public void A_key_outside_a_valid_day_has_no_day(string key) =>
        Assert.Null(new DayPattern("{yyyy}/{MM}/{dd}/").DayOf(key));

    [Fact]
    public void A_run_lists_from_the_lookback_before_the_newest_day_listed_not_before_an_idle_roots_last_object()
    {
        var idle = new S3RootState("AWSLogs/1/CloudTrail/ap-south-2/", new DayPattern("{yyyy}/{MM}/{dd}/"), ListedThrough: Day, NewestDay: Day.AddDays(-90));
        var ahead = idle with { NewestDay = Day.AddDays(1) };

        Assert.Equal(Day.AddDays(-1), idle.FirstDayToList(1));
        Assert.Equal(Day.AddDays(-3), idle.FirstDayToList(3));
        Assert.Equal(Day, ahead.FirstDayToList(1));
    }
}
