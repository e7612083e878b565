namespace DuckDetect.Core.Publishing;

/// <summary>
/// Which parts of a copy of the last analyst database are behind the job's database (<c>publish/sync/changes.sql</c>):
/// an update writes only those.
/// </summary>
public sealed record PublishChanges
{
    public bool AlertsChanged { get; init; }

    public bool RetractionsAdded { get; init; }

    public bool DetectRan { get; init; }

    /// <summary>A detect run since the copy computed alerts' content signals.</summary>
    public bool SignalsChanged { get; init; }

    public bool IngestRan { get; init; }

    /// <summary>An ingest since the copy loaded or failed files (one that found nothing new changed no file's row).</summary>
    public bool FilesChanged { get; init; }

    public bool EvidenceMoved { get; init; }

    public bool ConsumersChanged { get; init; }

    public bool TriageChanged { get; init; }

    public bool DestinationsChanged { get; init; }

    public bool DestinationStateChanged { get; init; }

    public bool ExceptionsChanged { get; init; }

    public bool RulesChanged { get; init; }

    /// <summary>The copy's principal views were computed with another lookback than this publish's.</summary>
    public bool LookbackChanged { get; init; }

    /// <summary>Some principal's views may differ: an alert changed or was triaged, or the lookback changed.</summary>
    public bool PrincipalsChanged => AlertsChanged || TriageChanged || LookbackChanged;

    /// <summary>Everything, for a file written afresh.</summary>
    public static PublishChanges All { get; } = new()
    {
        AlertsChanged = true, RetractionsAdded = true, DetectRan = true, SignalsChanged = true, IngestRan = true, FilesChanged = true, EvidenceMoved = true,
        ConsumersChanged = true, TriageChanged = true, ExceptionsChanged = true, RulesChanged = true,
        DestinationsChanged = true, DestinationStateChanged = true, LookbackChanged = true,
    };

    /// <summary>The scripts of <c>publish/sync/</c> that bring the copy up to date, in order.</summary>
    public IEnumerable<string> SyncScripts()
    {
        if (AlertsChanged)
        {
            yield return "alerts";
        }
        if (RetractionsAdded)
        {
            yield return "retractions";
        }
        if (DetectRan)
        {
            yield return "runs";
        }
        if (SignalsChanged || RetractionsAdded)
        {
            yield return "signals";
        }
        if (IngestRan)
        {
            yield return "ingest";
        }
        if (FilesChanged)
        {
            yield return "files";
        }
        if (AlertsChanged || EvidenceMoved)
        {
            yield return "evidence";
        }
        if (TriageChanged)
        {
            yield return "triage";
        }
        if (PrincipalsChanged)
        {
            yield return "principals";
        }
        yield return "state";
    }

    /// <summary>The small tables to write again whole: (published table, the job's table or query).</summary>
    public IEnumerable<(string Table, string Source)> TablesToReplace()
    {
        if (ConsumersChanged)
        {
            yield return ("delivery_consumers", "delivery_consumers");
        }
        if (DestinationsChanged)
        {
            yield return ("destination_configs", "destination_configs");
        }
        if (DestinationStateChanged)
        {
            yield return ("destination_state", "destination_state");
        }
        if (ExceptionsChanged)
        {
            yield return ("rule_exceptions", "rule_exceptions");
        }
        if (RulesChanged)
        {
            yield return ("rules", "publish_rules");
        }
    }
}
