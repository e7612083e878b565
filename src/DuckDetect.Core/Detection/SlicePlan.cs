namespace DuckDetect.Core.Detection;

/// <summary>
/// Where a detect run reads events: the stretches of event time its rules' spans need (regions: overlapping needs
/// merged), each cut into slices that hold at most a set number of events, so that a backfill of any length runs in
/// the same memory. Each event is read once: a slice's events are tallied when it is reached, and windows ending in
/// the slice read the tallies of the slices before it as far back as their width.
/// </summary>
public sealed record SlicePlan(IReadOnlyList<SliceRegion> Regions)
{
    /// <summary>
    /// The regions of <paramref name="needs"/> (each an event-time range [From, To)), cut where the events so far
    /// pass <paramref name="maxEvents"/> (by the events per hour <paramref name="hourCounts"/> gives for a range), at
    /// multiples of <paramref name="alignMinutes"/> since the Unix epoch (every tally's bucket width divides it).
    /// </summary>
    public static SlicePlan Make(IEnumerable<(DateTime From, DateTime To)> needs, long maxEvents, int alignMinutes,
        Func<DateTime, DateTime, IReadOnlyList<EventHour>> hourCounts)
    {
        ArgumentNullException.ThrowIfNull(needs);
        ArgumentNullException.ThrowIfNull(hourCounts);
        var regions = new List<SliceRegion>();
        foreach (var (from, to) in Merge(needs))
        {
            regions.Add(new SliceRegion(from, to, Cuts(from, to, maxEvents, alignMinutes, hourCounts(from, to))));
        }
        return new SlicePlan(regions);
    }

    /// <summary>Overlapping or touching ranges merged, in time order.</summary>
    private static List<(DateTime From, DateTime To)> Merge(IEnumerable<(DateTime From, DateTime To)> needs)
    {
        var merged = new List<(DateTime From, DateTime To)>();
        foreach (var (from, to) in needs.Where(n => n.From < n.To).OrderBy(n => n.From))
        {
            if (merged.Count > 0 && from <= merged[^1].To)
            {
                merged[^1] = (merged[^1].From, to > merged[^1].To ? to : merged[^1].To);
            }
            else
            {
                merged.Add((from, to));
            }
        }
        return merged;
    }

    /// <summary>The slice boundaries inside (from, to): after each stretch whose events reach the cap, at the next aligned time.</summary>
    private static List<DateTime> Cuts(DateTime from, DateTime to, long maxEvents, int alignMinutes, IReadOnlyList<EventHour> hours)
    {
        var cuts = new List<DateTime>();
        long events = 0;
        foreach (var (hour, count) in hours)
        {
            events += count;
            if (events < maxEvents)
            {
                continue;
            }
            var cut = Align(hour.AddHours(1), alignMinutes);
            if (cut > from && cut < to && (cuts.Count == 0 || cut > cuts[^1]))
            {
                cuts.Add(cut);
                events = 0;
            }
        }
        return cuts;
    }

    /// <summary>The first multiple of <paramref name="minutes"/> since the Unix epoch at or after <paramref name="time"/>.</summary>
    private static DateTime Align(DateTime time, int minutes)
    {
        var step = TimeSpan.FromMinutes(minutes).Ticks;
        var ticks = time.Ticks - DateTime.UnixEpoch.Ticks;
        var rest = ((ticks % step) + step) % step;
        return rest == 0 ? time : new DateTime(time.Ticks + step - rest, DateTimeKind.Utc);
    }
}

/// <summary>A stretch of event time some spans need: [From, To), cut at <see cref="Cuts"/> into slices.</summary>
public sealed record SliceRegion(DateTime From, DateTime To, IReadOnlyList<DateTime> Cuts)
{
    /// <summary>The slices [start, end), in time order.</summary>
    public IEnumerable<(DateTime Start, DateTime End)> Slices()
    {
        var start = From;
        foreach (var cut in Cuts)
        {
            yield return (start, cut);
            start = cut;
        }
        yield return (start, To);
    }
}
