namespace DuckDetect.Core.S3;

/// <summary>How a date root was listed this run: whole (new, reconciled, or too long unlisted) or by its day prefixes.</summary>
internal sealed record S3RootListing(string Prefix, DayPattern Pattern, bool IsNew, bool Whole, DateOnly ListedThrough, DateOnly? NewestDay);
