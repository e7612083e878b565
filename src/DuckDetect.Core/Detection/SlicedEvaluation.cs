using System.Data;
using Dapper;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Detection;

/// <summary>
/// Rules' spans evaluated in one pass over the events (Many rules, one pass), for detect and tune alike: the event
/// time the spans need is cut into slices (SlicePlan) that fit the run's memory; each slice's inference calls are
/// tallied once for every rule (TallyStages); then each rule evaluates its windows ending in the slice from the
/// tallies. DuckDB gets <see cref="Memory"/> for it (or less, under a lower bound), so that blocks read stay cached
/// no further than that and a backfill of any length peaks at the same memory.
/// </summary>
[DapperAot]
internal static class SlicedEvaluation
{
    /// <summary>The memory DuckDB is given meanwhile unless the bound (--memory-limit) is lower.</summary>
    public const long Memory = 2_000_000_000;

    /// <summary>
    /// Events a slice holds at most (estimated from the events per hour) under <see cref="Memory"/>: the tallies of 2M
    /// events of the benchmark took about 250 MB to build. Proportionally fewer under a lower bound.
    /// </summary>
    public const long MaxEventsPerSlice = 4_000_000;

    /// <param name="keptBatch">
    /// The run's newest ingest batch when threshold tallies of whole hours may be read from the kept hourly tally
    /// (detect, which writes it); null when every tally is counted from the events (tune, read-only).
    /// </param>
    public static void Run(DuckDbSession session, IDbTransaction? tx, IReadOnlyList<SlicedRule> rules, IStatusSink status, string operation,
        long? sliceEvents = null, long? keptBatch = null)
    {
        if (rules.Count == 0)
        {
            return;
        }
        var thresholds = rules.Where(r => r.Rule.IsThreshold)
            .Select(r => r with { FromKeptHours = keptBatch is not null && TallyStages.FromKeptHours(r.Rule.TallyMinutesFor(r.Settings)) }).ToList();
        var events = rules.Where(r => !r.Rule.IsThreshold).ToList();
        if (thresholds.Count > 0)
        {
            Run(session, tx, thresholds, () => new TallyStages(session.Connection, tx,
                thresholds.Select(r => (r.Rule.TallyMinutesFor(r.Settings), r.ReachMinutes)).ToList(), keptBatch),
                status, operation, sliceEvents);
        }
        // The event rules of each source (CloudTrail, invocation logs) share that source's stage.
        foreach (var source in events.GroupBy(r => r.Rule.ReadsFrom).Select(g => g.ToList()))
        {
            Run(session, tx, source, () => new FamilyStage(session.Connection, tx, source, source[0].Rule.ReadsFrom), status, operation, sliceEvents);
        }
    }

    /// <summary>One pass of the rules that read one kind of stage.</summary>
    private static void Run(DuckDbSession session, IDbTransaction? tx, IReadOnlyList<SlicedRule> rules, Func<ISliceStage> makeStage,
        IStatusSink status, string operation, long? sliceEvents)
    {
        var connection = session.Connection;
        // Put back after the pass (not after a failure: a statement in a failed transaction fails too, and would hide
        // why it failed; the caller rolls back and the process ends).
        var memory = MemoryLimit.Keep(connection);
        MemoryLimit.Set(connection, Math.Min(session.MemoryCeiling, Memory), tx);
        var stage = makeStage();
        Run(connection, tx, stage, rules, status, operation, sliceEvents ?? Math.Max(100_000, (long)(MaxEventsPerSlice * Math.Min(1.0, (double)session.MemoryCeiling / Memory))));
        stage.Drop();
        memory.Dispose();
    }

    private static void Run(IDbConnection connection, IDbTransaction? tx, ISliceStage stage, IReadOnlyList<SlicedRule> rules, IStatusSink status,
        string operation, long maxEvents)
    {
        var needs = rules.SelectMany(r => r.Spans.Select(s => (From: s.FirstEnd.AddMinutes(-r.EventsReachMinutes), To: s.LastEnd)));
        var plan = StepTrace.Step($"{operation}: plan the slices", () => SlicePlan.Make(needs, maxEvents, stage.AlignMinutes,
            (from, to) => connection.Query<EventHour>(stage.HoursSql, new { events_from = from, events_to = to }, tx).AsList()));
        long done = 0;
        var total = rules.Sum(r => r.Spans.Sum(s => s.Windows));
        var widest = TimeSpan.FromMinutes(rules.Max(r => r.ReachMinutes));
        foreach (var region in plan.Regions)
        {
            foreach (var (start, end) in region.Slices())
            {
                stage.Append(start, end);
                foreach (var rule in rules)
                {
                    foreach (var span in rule.Spans.Select(s => Within(s, rule, region, start, end)).OfType<Span>())
                    {
                        rule.Evaluate(span);
                        done += span.Windows;
                    }
                }
                stage.Prune(end - widest);
                status.Progress(operation, done, total, $"windows up to {end:yyyy-MM-dd HH:mm}Z");
            }
            stage.Prune(region.To);
        }
    }

    /// <summary>
    /// The window ends of <paramref name="span"/> that the slice [start, end) of a region evaluates: none unless the
    /// span's events lie in the region; else those after the slice's start and at or before its end (every window end
    /// of the span is in exactly one slice, and the tallies then hold every bucket of its window).
    /// </summary>
    private static Span? Within(Span span, SlicedRule rule, SliceRegion region, DateTime start, DateTime end)
    {
        var settings = rule.Settings;
        if (span.FirstEnd.AddMinutes(-rule.EventsReachMinutes) < region.From || span.LastEnd > region.To)
        {
            return null;
        }
        var first = span.FirstEnd > start ? span.FirstEnd : Next(start, settings.Interval);
        var last = span.LastEnd <= end ? span.LastEnd : settings.Floor(new DateTimeOffset(DateTime.SpecifyKind(end, DateTimeKind.Utc))).UtcDateTime;
        return first > last ? null : new Span(first, last, ((last - first).Ticks / settings.Interval.Ticks) + 1);
    }

    /// <summary>The first time on the grid of <paramref name="step"/> strictly after <paramref name="time"/>.</summary>
    private static DateTime Next(DateTime time, TimeSpan step)
    {
        var ticks = time.Ticks - DateTime.UnixEpoch.Ticks;
        var rest = ((ticks % step.Ticks) + step.Ticks) % step.Ticks;
        return new DateTime(time.Ticks - rest + step.Ticks, DateTimeKind.Utc);
    }
}
