namespace DuckDetect.Core.S3;

/// <summary>A date root as the database keeps it: its day layout, the newest day listed and the newest day that held an object.</summary>
internal sealed record S3RootState(string Prefix, DayPattern Pattern, DateOnly ListedThrough, DateOnly? NewestDay)
{
    /// <summary>
    /// The first day a run lists again: the lookback before the newest day already listed (or loaded, should an
    /// object be dated after the clock). Anchored on the newest day listed, an idle region's root is listed only
    /// from yesterday, not day by day back to its last object.
    /// </summary>
    public DateOnly FirstDayToList(int lookbackDays)
    {
        var anchor = NewestDay is { } newest && newest > ListedThrough ? newest : ListedThrough;
        return anchor.AddDays(-lookbackDays);
    }
}
