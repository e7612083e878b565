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
/// widest window and a slice.
/// </summary>
[DapperAot]
internal sealed class TallyStages : ISliceStage
{
    private readonly IDbConnection _connection;
    private readonly IDbTransaction? _tx;
    private readonly int _finest;
    private readonly IReadOnlyList<int> _widths;

    public TallyStages(IDbConnection connection, IDbTransaction? tx, IEnumerable<int> widths)
    {
        _connection = connection;
        _tx = tx;
        _widths = widths.Distinct().Order().ToList();
        _finest = _widths.Aggregate(Gcd);
        foreach (var width in _widths.Prepend(_finest).Distinct())
        {
            connection.Execute(Fill("detect/stages/tally_create.sql", width), transaction: tx);
        }
    }

    /// <summary>The tally every width divides into: where the events are counted.</summary>
    public int Finest => _finest;

    /// <summary>A time every tally's buckets start on: the least common multiple of the widths.</summary>
    public int AlignMinutes => _widths.Aggregate(_finest, (a, b) => a / Gcd(a, b) * b);

    /// <summary>The name of the tally of <paramref name="minutes"/>-minute buckets, for a rule's <c>{{tally}}</c>.</summary>
    public static string TableFor(int minutes) => RuleText.TallyTable(minutes);

    /// <summary>Tallies the events of the slice [from, to) into every tally.</summary>
    public void Append(DateTime from, DateTime to)
    {
        StepTrace.Step("detect: tally the slice's events (one pass)", () => _connection.Execute(Fill("detect/stages/tally_append.sql", _finest),
            new { events_from = from, events_to = to, bucket_minutes = _finest }, _tx, commandTimeout: 0));
        foreach (var width in _widths.Where(w => w != _finest))
        {
            StepTrace.Step($"detect: tally per {width} minutes", () => _connection.Execute(
                SqlText.Fill(SqlScripts.Get("detect/stages/tally_rollup.sql"), new Dictionary<string, string>
                {
                    ["tally"] = TableFor(width),
                    ["finest"] = TableFor(_finest),
                }),
                new { events_from = from, events_to = to, bucket_minutes = width }, _tx, commandTimeout: 0));
        }
    }

    /// <summary>Drops the buckets that start before <paramref name="keepFrom"/>: no window still to come reaches them.</summary>
    public void Prune(DateTime keepFrom)
    {
        foreach (var width in _widths.Prepend(_finest).Distinct())
        {
            _connection.Execute(Fill("detect/stages/tally_prune.sql", width), new { keep_from = keepFrom }, _tx);
        }
    }

    /// <summary>
    /// Drops the tallies once the pass is done (after a failure they stay until the connection closes: a statement in
    /// the failed transaction would fail too, and hide why it failed).
    /// </summary>
    public void Drop()
    {
        foreach (var width in _widths.Prepend(_finest).Distinct())
        {
            _connection.Execute("DROP TABLE IF EXISTS " + SqlText.Identifier(TableFor(width)), transaction: _tx);
        }
    }

    private static string Fill(string script, int width) =>
        RuleText.Fill(script, new Dictionary<string, string> { ["tally"] = TableFor(width), ["minutes"] = width.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
