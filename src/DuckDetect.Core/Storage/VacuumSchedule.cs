using Dapper;
using DuckDB.NET.Data;

namespace DuckDetect.Core.Storage;

/// <summary>
/// When the event table's small row groups are merged. A call that appends a few thousand events to the checkpointed
/// event table starts a row group of its own. DuckDB's checkpoint merges adjacent row groups that fit in fewer (its
/// vacuum), anywhere in the table: left to itself, every few scheduled runs rewrote the table's last two or three row
/// groups (about 245,000 events: 2.65 s and 650 MB where the run took 0.6 s), and after a large load it rewrote the
/// partly filled row groups each batch leaves (10M events: 13 s and 4.4 GB at the load's close, or 10 s in whichever
/// later run merged first). A writing session therefore defers DuckDB's merge (<c>max_vacuum_tasks = 0</c>; the
/// checkpoint still drops row groups whose rows are all deleted). Instead, the session whose calls carry the events
/// loaded since the database was created past a multiple of a row group (122,880), or the ingest and detect calls
/// past a multiple of 288 (a day of 10-minute runs), merges the tail at its close: the row groups after the last one
/// at least half full, written again as one run of row groups (<see cref="MergeTail"/>). Prune and compaction allow
/// DuckDB's merge, which also reclaims deleted rows (<see cref="Allow"/>). Decided from <c>ingest_runs</c>,
/// <c>detect_runs</c> and the table's row groups alone, so the schedule keeps no state of its own, and a crash only
/// moves the merge to a later session.
/// </summary>
[DapperAot]
public sealed class VacuumSchedule
{
    /// <summary>DuckDB's rows per row group.</summary>
    public const long RowGroupRows = 122_880;

    /// <summary>Ingest and detect calls between merges when each loads few events.</summary>
    public const long CallsBetween = 288;

    /// <summary>Row groups the tail must have before it is written again: one is already as merged as it gets.</summary>
    private const long TailGroupsToMerge = 2;

    /// <summary>
    /// A row group this full is left as it is, and the tail starts after it: writing a nearly full row group again
    /// (121,368 events after a large load) took 2.6 s and 530 MB in a scheduled run over 1M files, for a few hundred
    /// new events. So each merge writes again at most half a row group besides the events loaded since the last one.
    /// </summary>
    internal const long SettledRows = RowGroupRows / 2;

    private readonly DuckDBConnection _connection;
    private readonly Totals _atOpen;
    private bool _allowed;
    private bool _closing;

    private VacuumSchedule(DuckDBConnection connection, Totals atOpen)
    {
        _connection = connection;
        _atOpen = atOpen;
    }

    /// <summary>Whether this session's checkpoints may merge row groups.</summary>
    public bool Allowed => _allowed;

    /// <summary>Defers the merge for a session that opened <paramref name="connection"/> for writing.</summary>
    internal static VacuumSchedule Defer(DuckDBConnection connection)
    {
        var schedule = new VacuumSchedule(connection, Read(connection));
        connection.Execute("SET max_vacuum_tasks = 0");
        return schedule;
    }

    /// <summary>Lets this session's checkpoints merge row groups (DuckDB's default).</summary>
    public void Allow()
    {
        if (!_allowed)
        {
            _connection.Execute("RESET max_vacuum_tasks");
            _allowed = true;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> (the checkpoint of another attached file) with the merge allowed, and defers it
    /// again afterwards: the setting is DuckDB's, for every database of the connection.
    /// </summary>
    public void AllowDuring(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_allowed)
        {
            work();
            return;
        }
        _connection.Execute("RESET max_vacuum_tasks");
        try
        {
            work();
        }
        finally
        {
            _connection.Execute("SET max_vacuum_tasks = 0");
        }
    }

    /// <summary>
    /// Before the checkpoint at close (or the one started ahead of it): merges the tail when this session's calls
    /// crossed a merge point. Once per session.
    /// </summary>
    internal void BeforeClose()
    {
        if (_closing)
        {
            return;
        }
        _closing = true;
        if (!_allowed && Due(_atOpen, Read(_connection)))
        {
            StepTrace.Step("close: merge the event table's tail", MergeTail);
        }
    }

    /// <summary>
    /// Writes the rows of the event table's small last row groups again as one run of row groups and deletes the
    /// originals, in one transaction: the checkpoint at close drops the emptied row groups. Only the tail is read and
    /// written, never the history before it.
    /// </summary>
    internal void MergeTail()
    {
        var tail = _connection.QuerySingle<Tail>(SqlScripts.Get("storage/tail_row_groups.sql"), new { settled_rows = SettledRows });
        if (tail.TailGroups < TailGroupsToMerge)
        {
            return;
        }
        var range = new { start = tail.TailStart, end = tail.TailStart + tail.TailRows };
        using var tx = _connection.BeginTransaction();
        _connection.Execute(SqlScripts.Get("storage/copy_tail.sql"), range, tx);
        _connection.Execute(SqlScripts.Get("storage/delete_tail.sql"), range, tx);
        tx.Commit();
        StepTrace.Note($"close: {tail.TailRows} event(s) in {tail.TailGroups} row groups written again as one run");
    }

    /// <summary>
    /// Whether the events went past a multiple of <see cref="RowGroupRows"/>, or the calls past a multiple of
    /// <see cref="CallsBetween"/>, between two readings.
    /// </summary>
    internal static bool Due(Totals before, Totals after) =>
        after.Events / RowGroupRows > before.Events / RowGroupRows || after.Calls / CallsBetween > before.Calls / CallsBetween;

    private static Totals Read(DuckDBConnection connection) =>
        connection.QuerySingle<Totals>(SqlScripts.Get("storage/vacuum_totals.sql"));

    /// <summary>Events loaded, and ingest and detect calls made, as their run tables hold them.</summary>
    internal sealed record Totals(long Events, long Calls);

    /// <summary>The row groups after the event table's last settled one: their first rowid, their number and rows.</summary>
    internal sealed record Tail(long TailStart, long TailGroups, long TailRows);
}
