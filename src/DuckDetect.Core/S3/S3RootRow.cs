namespace DuckDetect.Core.S3;

/// <summary>A row of <c>s3_prefixes</c> as read back (root_states.sql).</summary>
internal sealed class S3RootRow
{
    public string Prefix { get; set; } = "";

    public string DayPattern { get; set; } = "";

    public DateTime ListedThrough { get; set; }

    public DateTime? NewestDay { get; set; }
}
