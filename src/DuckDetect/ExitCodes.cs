using DuckDetect.Core;

namespace DuckDetect;

/// <summary>The exit codes of duckdetect, as documented in the README.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>An unexpected error (a bug): Cocona's own code for an unhandled exception.</summary>
    public const int Crash = 1;

    /// <summary>An option value is invalid.</summary>
    public const int InvalidArguments = 64;

    /// <summary>One or more input files could not be loaded; every other file was.</summary>
    public const int InputFilesFailed = 65;

    /// <summary>A PATH argument names no file or folder.</summary>
    public const int NoInput = 66;

    /// <summary>status --max-lag: detection lags further behind than allowed.</summary>
    public const int DetectionLagging = 69;

    /// <summary>DuckDB ran out of memory even at the memory bound: what could be done was done, the rest waits for the next run.</summary>
    public const int OutOfMemory = 71;

    /// <summary>The disk of the database (or its temporary files) is full: what was committed stays, nothing is half-written.</summary>
    public const int DiskFull = 72;

    /// <summary>An output could not be written: stdout (a closed pipe, a full disk) or the analyst database.</summary>
    public const int OutputFailed = 73;

    /// <summary>The database file cannot be used (not DuckDB, not DuckDetect's, newer schema, unreadable).</summary>
    public const int DatabaseUnusable = 74;

    /// <summary>Another duckdetect process holds the database (after --wait).</summary>
    public const int DatabaseBusy = 75;

    /// <summary>A destination did not accept a delivery (run, alerts --destination, destinations test); all else was done.</summary>
    public const int DeliveryFailed = 79;

    /// <summary>An s3:// source could not be listed (no such bucket, s3:ListBucket denied, another region, unreachable); the other inputs were loaded.</summary>
    public const int S3SourceUnusable = 76;

    /// <summary>No usable AWS credentials for s3:// paths (none found, an unknown profile, or refused by S3); the other inputs were loaded.</summary>
    public const int S3CredentialsRefused = 77;

    /// <summary>Cocona: a usage error (unknown command or option, missing argument).</summary>
    public const int Usage = 129;

    /// <summary>Interrupted (Ctrl+C).</summary>
    public const int Interrupted = 130;

    public static int For(FailureKind kind) => kind switch
    {
        FailureKind.InvalidArguments => InvalidArguments,
        FailureKind.InputFilesFailed => InputFilesFailed,
        FailureKind.NoInput => NoInput,
        FailureKind.DatabaseUnusable => DatabaseUnusable,
        FailureKind.DatabaseBusy => DatabaseBusy,
        FailureKind.DetectionLagging => DetectionLagging,
        FailureKind.OutOfMemory => OutOfMemory,
        FailureKind.DiskFull => DiskFull,
        FailureKind.DeliveryFailed => DeliveryFailed,
        FailureKind.PublishFailed or FailureKind.OutputFailed => OutputFailed,
        _ => Crash,
    };
}
