using DuckDetect.Core.Rules;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Detection;

/// <summary>
/// A shared stage of the one pass (SlicedEvaluation): temporary tables filled slice by slice from the events, which
/// the rules then read instead of the events.
/// </summary>
internal interface ISliceStage
{
    /// <summary>A time every slice boundary falls on, in minutes since the Unix epoch (the stage's buckets divide it).</summary>
    int AlignMinutes { get; }

    /// <summary>The events per hour of the stage's source (detect/stages/event_hours.sql), by which slices are cut.</summary>
    string HoursSql => SqlText.Fill(SqlScripts.Get("detect/stages/event_hours.sql"), RuleSource.CloudTrail.Fragments);

    /// <summary>Reads the events of the slice [from, to) into the stage.</summary>
    void Append(DateTime from, DateTime to);

    /// <summary>Drops what starts before <paramref name="keepFrom"/>: no window still to come reaches it.</summary>
    void Prune(DateTime keepFrom);

    /// <summary>Drops the stage once the pass is done.</summary>
    void Drop();
}
