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
}
