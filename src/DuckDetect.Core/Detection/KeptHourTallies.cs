using System.Data;
using Dapper;
using DuckDetect.Core.Rules;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Detection;

/// <summary>
/// The threshold tallies whose buckets are whole hours (the low-and-slow rule's), filled from the kept hourly tally
/// (<c>tally_hours</c>: the inference calls per hour, appended from each ingest batch once) instead of the events, so
/// that a window of a day does not tally a day of events at every run. The events the slices read are then only those
/// of the finer tallies. Each slice fills the buckets its windows reach that the tallies do not hold yet.
/// </summary>
[DapperAot]
internal sealed class KeptHourTallies
{
    private readonly IDbConnection _connection;
    private readonly IDbTransaction? _tx;
    private readonly IReadOnlyList<int> _widths;
    private readonly TimeSpan _reach;
    private readonly TimeSpan _align;
    private DateTime? _from;
    private DateTime? _to;

    /// <param name="widths">The tallies' bucket widths, each a whole number of hours.</param>
    /// <param name="reachMinutes">How far before a window's end the widest window of the rules reading them reaches.</param>
    /// <param name="alignMinutes">The slices' grid, on which every width's buckets start.</param>
    /// <param name="maxBatch">The newest ingest batch: the kept hourly tally takes in every batch up to it first.</param>
    public KeptHourTallies(IDbConnection connection, IDbTransaction? tx, IReadOnlyList<int> widths, int reachMinutes, int alignMinutes, long maxBatch)
    {
        _connection = connection;
        _tx = tx;
        _widths = widths;
        _reach = TimeSpan.FromMinutes(reachMinutes);
        _align = TimeSpan.FromMinutes(alignMinutes);
        StepTrace.Step("detect: kept hourly tally", () => TakeIn(connection, tx, maxBatch));
    }

    /// <summary>
    /// The kept hourly tally takes in the ingest batches up to <paramref name="maxBatch"/> it has not seen. Not in the
    /// constructor: Dapper.AOT leaves a call with parameters there unintercepted, and the native build cannot run it.
    /// </summary>
    private static void TakeIn(IDbConnection connection, IDbTransaction? tx, long maxBatch)
    {
        // Nothing to take in (no batch since the last run): the hours, merged then, stay as they are.
        if (connection.ExecuteScalar<long>("SELECT coalesce(max(last_batch), 0) FROM tally_hour_batches", transaction: tx) >= maxBatch)
        {
            return;
        }
        connection.Execute(
            RuleText.Fill("detect/stages/tally_hours_state.sql", new Dictionary<string, string>(TallyStages.Groups("ingest_batch > coalesce((SELECT max(last_batch) FROM tally_hour_batches), 0) AND ingest_batch <= $max_batch"))
            {
                ["merged"] = Merged,
            }),
            new { max_batch = maxBatch, bucket_minutes = 60 }, tx, commandTimeout: 0);
    }

    /// <summary>
    /// Makes the tallies hold every bucket that windows ending in the slice (from, to] read: from the widest reach
    /// before the slice up to its end. Within a region the slices follow one another and only the new part is read.
    /// </summary>
    public void Fill(DateTime from, DateTime to)
    {
        var need = from - _reach;
        DateTime start;
        if (_from is { } held && _to is { } heldTo && held <= need && need <= heldTo)
        {
            start = heldTo;
        }
        else
        {
            if (_to is not null)
            {
                Clear();
            }
            start = Floor(need);
            _from = start;
        }
        _to = to > start ? to : start;
        if (start >= to)
        {
            return;
        }
        foreach (var width in _widths)
        {
            StepTrace.Step($"detect: tally per {width} minutes from the kept hours", () => _connection.Execute(
                RuleText.Fill("detect/stages/tally_from_hours.sql", new Dictionary<string, string>
                {
                    ["tally"] = TallyStages.TableFor(width),
                    ["as_lists"] = SqlScripts.Get("detect/stages/tally_as.sql"),
                    // Hourly buckets are the kept rows themselves (one per hour and group): no merge to pay for.
                    ["hours"] = width == 60
                        ? SqlScripts.Get("detect/stages/tally_hours_as_kept.sql").TrimEnd()
                        : RuleText.Fill("detect/stages/tally_hours_summed.sql", new Dictionary<string, string> { ["merged"] = Merged }).TrimEnd(),
                }),
                new { events_from = start, events_to = to, bucket_minutes = width }, _tx, commandTimeout: 0));
        }
    }

    /// <summary>The tallies lost their buckets before <paramref name="keepFrom"/> (TallyStages.Prune).</summary>
    public void Pruned(DateTime keepFrom)
    {
        if (_from is { } held && keepFrom > held)
        {
            _from = keepFrom;
        }
        if (_from >= _to)
        {
            _from = _to = null;
        }
    }

    /// <summary>Rows of one group merged: calls summed, context lists united (detect/stages/tally_merged.sql); the kept hours and the rollup of a coarser tally use it.</summary>
    internal static string Merged => SqlScripts.Get("detect/stages/tally_merged.sql").TrimEnd();

    private void Clear()
    {
        foreach (var width in _widths)
        {
            _connection.Execute("DELETE FROM " + SqlText.Identifier(TallyStages.TableFor(width)), transaction: _tx);
        }
        _from = _to = null;
    }

    private DateTime Floor(DateTime time)
    {
        var ticks = time.Ticks - DateTime.UnixEpoch.Ticks;
        var rest = ((ticks % _align.Ticks) + _align.Ticks) % _align.Ticks;
        return new DateTime(time.Ticks - rest, DateTimeKind.Utc);
    }
}
