namespace DuckDetect.Core;

/// <summary>Where the engine reports what it does: the CLI sends all of it to stderr.</summary>
public interface IStatusSink
{
    void Info(string message);

    void Warn(string message);

    void Error(string message);

    /// <summary>Progress of a long operation; shown only on a terminal.</summary>
    void Progress(string operation, long done, long total, string detail);
}
