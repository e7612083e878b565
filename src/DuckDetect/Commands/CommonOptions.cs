using Cocona;
using DuckDetect.Core;
using DuckDetect.Core.Publishing;
using DuckDetect.Core.Storage;

namespace DuckDetect.Commands;

/// <summary>Options every command takes.</summary>
public sealed class CommonOptions : ICommandParameterSet
{
    [Option("db", Description = "DuckDB database file (default: $DUCKDETECT_DB, else ./duckdetect.duckdb)", ValueName = "FILE")]
    [HasDefaultValue]
    public string? Db { get; set; }

    [Option("wait", Description = "Seconds to wait for another duckdetect process to release the database (default 0)", ValueName = "SECONDS")]
    [HasDefaultValue]
    public double Wait { get; set; }

    [Option("quiet", ['q'], Description = "Only warnings and errors on stderr")]
    [HasDefaultValue]
    public bool Quiet { get; set; }

    [Option("memory-limit", Description = "Bound on DuckDB's memory, such as 4GB or 1.5GiB (default: $DUCKDETECT_MEMORY_LIMIT, else 80% of the machine's memory); larger work is cut to fit it", ValueName = "SIZE")]
    [HasDefaultValue]
    public string? MemoryLimit { get; set; }

    public string DatabasePath =>
        Db ?? (Environment.GetEnvironmentVariable("DUCKDETECT_DB") is { Length: > 0 } env ? env : "duckdetect.duckdb");

    /// <summary>Opens the job's database; a lock conflict names the holder and points to the analyst database.</summary>
    public DuckDbSession OpenDatabase(PublishTarget? published = null, bool readOnly = false) =>
        StepTrace.Step("open the database (schema check)",
            () => DuckDbSession.Open(DatabasePath, WaitTime, readOnly, published?.Path ?? PublishTarget.DefaultPath(DatabasePath), MemoryLimit));

    /// <summary>
    /// Opens the job's database for a command that records a decision in it (triage, exceptions): a missing file is
    /// an error, not a new empty database.
    /// </summary>
    public DuckDbSession OpenExistingDatabase(PublishTarget? published = null)
    {
        RequireDatabase();
        return OpenDatabase(published);
    }

    /// <summary>
    /// For a command that reads or records a decision: a mistyped --db is an error (exit 66), never a new empty
    /// database that reads as "nothing happened".
    /// </summary>
    public void RequireDatabase()
    {
        if (!File.Exists(DatabasePath))
        {
            throw new DuckDetectException(FailureKind.NoInput, $"no database at {Path.GetFullPath(DatabasePath)}");
        }
    }

    /// <summary>
    /// For reading what analysts see: the analyst database when there is one (reading it never holds the job's
    /// database, so a person looking never makes a scheduled run wait or fail), else the job's, read-only.
    /// </summary>
    public DuckDbSession OpenAnalystOrJobDatabase()
    {
        RequireDatabase();
        var published = PublishTarget.Resolve(DatabasePath, null, disabled: false, PublishTarget.DefaultEvidenceDays,
            Environment.GetEnvironmentVariable(PublishTarget.EnvironmentVariable));
        return published is not null && File.Exists(published.Path)
            ? DuckDbSession.OpenAnalystDatabase(published.Path, MemoryLimit)
            : OpenDatabase(readOnly: true);
    }

    /// <summary>
    /// For an operator's read of the job's own state (destinations list and test): the job's database, read-only; while
    /// a run holds it, the analyst database it last published. A missing database is an error.
    /// </summary>
    public DuckDbSession OpenJobOrAnalystDatabase()
    {
        RequireDatabase();
        var published = PublishTarget.Resolve(DatabasePath, null, disabled: false, PublishTarget.DefaultEvidenceDays,
            Environment.GetEnvironmentVariable(PublishTarget.EnvironmentVariable));
        try
        {
            return OpenDatabase(readOnly: true);
        }
        catch (DuckDetectException ex) when (ex.Kind == FailureKind.DatabaseBusy && published is not null && File.Exists(published.Path))
        {
            return DuckDbSession.OpenAnalystDatabase(published.Path, MemoryLimit);
        }
    }

    public TimeSpan WaitTime => Wait >= 0
        ? TimeSpan.FromSeconds(Wait)
        : throw new DuckDetectException(FailureKind.InvalidArguments, "--wait must be zero or more seconds");
}
