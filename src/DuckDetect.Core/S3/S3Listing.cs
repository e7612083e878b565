namespace DuckDetect.Core.S3;

/// <summary>What one run's listing of a source found, and the state to save once its objects are loaded.</summary>
internal sealed class S3Listing
{
    public List<S3FoundObject> Objects { get; } = [];

    public List<S3RootListing> Roots { get; } = [];

    public List<S3DayTotal> Days { get; } = [];

    /// <summary>Known date roots that their parent's listing no longer shows (deleted): their state is dropped.</summary>
    public List<string> RemovedRoots { get; } = [];

    /// <summary>Every date root was listed whole: the run counts as the source's reconciliation.</summary>
    public bool Reconciled { get; set; }

    /// <summary>Prefixes listed with a delimiter to find the date roots.</summary>
    public int PrefixesWalked { get; set; }

    /// <summary>Day prefixes listed (a whole root counts once).</summary>
    public int DayPrefixesListed { get; set; }
}
