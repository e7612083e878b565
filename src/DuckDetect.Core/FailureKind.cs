namespace DuckDetect.Core;

/// <summary>The kinds of expected failure; the CLI maps each to an exit code.</summary>
public enum FailureKind
{
    /// <summary>An option value is invalid (a bad time, --from after --to, an unknown format...).</summary>
    InvalidArguments,

    /// <summary>A path given on the command line matched no file.</summary>
    NoInput,

    /// <summary>One or more input files could not be loaded; the others were.</summary>
    InputFilesFailed,

    /// <summary>The database file is not a DuckDB database, is unreadable, or has a newer schema.</summary>
    DatabaseUnusable,

    /// <summary>Another duckdetect process holds the database.</summary>
    DatabaseBusy,

    /// <summary>The analyst database could not be written; what the command committed stays.</summary>
    PublishFailed,

    /// <summary>Output to stdout could not be written and flushed (a closed pipe, a full disk).</summary>
    OutputFailed,

    /// <summary>status --max-lag: detection lags further behind than allowed.</summary>
    DetectionLagging,

    /// <summary>DuckDB ran out of memory even at the session's bound.</summary>
    OutOfMemory,

    /// <summary>The file system of the database or its temporary files has no space left.</summary>
    DiskFull,

    /// <summary>A destination did not accept what it was sent; everything else was done, the rest waits for the next run.</summary>
    DeliveryFailed,
}
