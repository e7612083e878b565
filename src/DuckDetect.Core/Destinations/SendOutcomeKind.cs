namespace DuckDetect.Core.Destinations;

public enum SendOutcomeKind
{
    Accepted,
    Transient,
    Rejected,
}
