using System.Data;
using Dapper;
using DuckDetect.Core.Rules;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Detection;

/// <summary>
/// The threshold rules' shared first stage: one tally per bucket width the rules read (temporary tables
/// <c>detect_tally_N</c>, N minutes), filled slice by slice. The finest is read from the events, each event once
/// (detect/stages/tally_append.sql: the where and grok stages of the seed rule); every coarser one is summed from the
/// finest. Buckets no window still to come reaches are dropped as the slices go by, so the tallies hold at most the
/// widest window and a slice. A detect run reads the tallies of whole hours from the kept hourly tally instead
/// (KeptHourTallies), and counts from the events only the finer ones.
/// </summary>
[DapperAot]
internal sealed class TallyStages : ISliceStage
{
    private readonly IDbConnection _connection;
    private readonly IDbTransaction? _tx;
    private readonly int? _finest;
    private readonly IReadOnlyList<int> _widths;
    private readonly IReadOnlyList<int> _counted;
    private readonly KeptHourTallies? _kept;

    /// <param name="reads">Each rule's tally width and how far before a window's end its window reaches.</param>
    /// <param name="keptBatch">
    /// The newest ingest batch when the tallies of whole hours are read from the kept hourly tally (a detect run,
    /// which may write it); null to count every tally from the events (a read-only tune).
    /// </param>
    public TallyStages(IDbConnection connection, IDbTransaction? tx, IReadOnlyList<(int Width, int ReachMinutes)> reads, long? keptBatch)
    {
        _connection = connection;
        _tx = tx;
        _widths = reads.Select(r => r.Width).Distinct().Order().ToList();
        List<int> kept = keptBatch is null ? [] : _widths.Where(FromKeptHours).ToList();
        _counted = _widths.Except(kept).ToList();
        _finest = _counted.Count == 0 ? null : _counted.Aggregate(Gcd);
        foreach (var width in AllTables)
        {
            connection.Execute(Fill("detect/stages/tally_create.sql", width), transaction: tx);
        }
        if (kept.Count > 0)
        {
            _kept = new KeptHourTallies(connection, tx, kept, reads.Where(r => FromKeptHours(r.Width)).Max(r => r.ReachMinutes), AlignMinutes, keptBatch!.Value);
        }
    }

    /// <summary>Whether a tally of <paramref name="width"/>-minute buckets can be read from the kept hourly tally.</summary>
    public static bool FromKeptHours(int width) => width % 60 == 0;

    /// <summary>A time every tally's buckets start on: the least common multiple of the widths.</summary>
    public int AlignMinutes => _widths.Aggregate((a, b) => a / Gcd(a, b) * b);

    /// <summary>The name of the tally of <paramref name="minutes"/>-minute buckets, for a rule's <c>{{tally}}</c>.</summary>
    public static string TableFor(int minutes) => RuleText.TallyTable(minutes);

    /// <summary>Tallies the events of the slice [from, to) into every tally.</summary>
    public void Append(DateTime from, DateTime to)
    {
        if (_finest is { } finest)
        {
            StepTrace.Step("detect: tally the slice's events (one pass)", () => _connection.Execute(AppendSql(finest),
                new { events_from = from, events_to = to, bucket_minutes = finest }, _tx, commandTimeout: 0));
            foreach (var width in _counted.Where(w => w != finest))
            {
                StepTrace.Step($"detect: tally per {width} minutes", () => _connection.Execute(
                    SqlText.Fill(SqlScripts.Get("detect/stages/tally_rollup.sql"), new Dictionary<string, string>
                    {
                        ["tally"] = TableFor(width),
                        ["finest"] = TableFor(finest),
                        ["merged"] = KeptHourTallies.Merged,
                    }),
                    new { events_from = from, events_to = to, bucket_minutes = width }, _tx, commandTimeout: 0));
            }
        }
        _kept?.Fill(from, to);
    }

    /// <summary>The statement that tallies the events of [$events_from, $events_to) into the tally of <paramref name="width"/>.</summary>
    public static string AppendSql(int width) =>
        RuleText.Fill("detect/stages/tally_append.sql", new Dictionary<string, string>(Groups("event_time >= $events_from AND event_time < $events_to"))
        {
            ["tally"] = TableFor(width),
            ["as_lists"] = SqlScripts.Get("detect/stages/tally_as.sql"),
        });

    /// <summary>The shared count of the inference calls (tally_groups.sql) of the events <paramref name="events"/> selects.</summary>
    public static Dictionary<string, string> Groups(string events) => new()
    {
        ["groups"] = RuleText.Fill("detect/stages/tally_groups.sql", new Dictionary<string, string> { ["events"] = events }),
    };

    /// <summary>Drops the buckets that start before <paramref name="keepFrom"/>: no window still to come reaches them.</summary>
    public void Prune(DateTime keepFrom)
    {
        foreach (var width in AllTables)
        {
            _connection.Execute(Fill("detect/stages/tally_prune.sql", width), new { keep_from = keepFrom }, _tx);
        }
        _kept?.Pruned(keepFrom);
    }

    /// <summary>
    /// Drops the tallies once the pass is done (after a failure they stay until the connection closes: a statement in
    /// the failed transaction would fail too, and hide why it failed).
    /// </summary>
    public void Drop()
    {
        foreach (var width in AllTables)
        {
            _connection.Execute("DROP TABLE IF EXISTS " + SqlText.Identifier(TableFor(width)), transaction: _tx);
        }
    }

    /// <summary>Every tally's width: the rules' and the finest they are rolled up from.</summary>
    private IEnumerable<int> AllTables => _finest is { } finest ? _widths.Append(finest).Distinct() : _widths;

    private static string Fill(string script, int width) =>
        RuleText.Fill(script, new Dictionary<string, string> { ["tally"] = TableFor(width), ["minutes"] = width.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
