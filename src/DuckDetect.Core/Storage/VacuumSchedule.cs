using Dapper;
using DuckDB.NET.Data;

namespace DuckDetect.Core.Storage;

/// <summary>
/// When DuckDB may merge row groups at a checkpoint (its vacuum). A call that appends a few thousand events to the
/// checkpointed event table starts a row group of its own, and every checkpoint merges adjacent row groups that fit
/// in fewer: left to itself, every few scheduled runs rewrote the table's last two or three row groups (about
/// 245,000 events: 2.65 s and 650 MB where the run took 0.6 s). A writing session therefore defers the merge
/// (<c>max_vacuum_tasks = 0</c>) unless, by the time it closes, the events loaded since the database was created
/// have crossed a multiple of a row group (122,880) or the ingest and detect calls a multiple of 288 (a day of
/// 10-minute runs, each an ingest and a detect): that session's checkpoint merges the small row groups gathered since
/// (and drops the rows deleted since), once, instead of a little every few runs. Large loads, prune and compaction
/// allow it from the start (<see cref="Allow"/>). Decided from <c>ingest_runs</c> and <c>detect_runs</c> alone, so
/// the schedule keeps no state of its own, and a crash only moves the merge to a later session.
/// </summary>
[DapperAot]
public sealed class VacuumSchedule
{
    /// <summary>DuckDB's rows per row group.</summary>
    public const long RowGroupRows = 122_880;

    /// <summary>Ingest and detect calls between merges when each loads few events.</summary>
    public const long CallsBetween = 288;

    private readonly DuckDBConnection _connection;
    private readonly Totals _atOpen;
    private bool _allowed;

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

    /// <summary>Before the checkpoint at close: allows the merge when this session's ingest crossed a merge point.</summary>
    internal void BeforeClose()
    {
        if (!_allowed && Due(_atOpen, Read(_connection)))
        {
            StepTrace.Note("close: row groups merged at this checkpoint (vacuum)");
            Allow();
        }
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
}
