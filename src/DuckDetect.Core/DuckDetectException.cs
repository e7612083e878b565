namespace DuckDetect.Core;

/// <summary>An expected failure: reported as one line and mapped to a documented exit code.</summary>
public sealed class DuckDetectException : Exception
{
    public DuckDetectException(FailureKind kind, string message, Exception? inner = null)
        : base(message, inner) => Kind = kind;

    public FailureKind Kind { get; }
}
