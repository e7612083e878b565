namespace DuckDetect.Core.Detection;

/// <summary>The window ends one run evaluates, at a glance: first, last, how many, how many of them late.</summary>
public sealed record WindowEnds(DateTime FirstEnd, DateTime LastEnd, long Windows, long Late)
{
    /// <summary>Whether every window end from the first to the last is there, so that they make one span.</summary>
    public bool Consecutive(int intervalMinutes) =>
        LastEnd - FirstEnd == TimeSpan.FromMinutes((double)intervalMinutes * (Windows - 1));
}
