namespace DuckDetect.Core;

/// <summary>Discards every report (library use and tests).</summary>
public sealed class NullStatusSink : IStatusSink
{
    public static readonly NullStatusSink Instance = new();

    public void Info(string message)
    {
    }

    public void Warn(string message)
    {
    }

    public void Error(string message)
    {
    }

    public void Progress(string operation, long done, long total, string detail)
    {
    }
}
