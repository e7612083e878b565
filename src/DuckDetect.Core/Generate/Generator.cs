using System.Diagnostics;
using Dapper;
using DuckDB.NET.Data;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Generate;

/// <summary>
/// Writes synthetic CloudTrail logs in the S3 delivery layout, with planted Bedrock probing cases, the planted
/// principals' Bedrock model invocation logs beside them, and a manifest of what each rule must raise. All events are made by DuckDB, set-based, one day at a time (<c>sql/generate/</c>);
/// every random choice is a hash of the seed, so the same options give the same bytes. This class only runs the
/// scripts in order and places the files.
/// </summary>
public sealed class Generator(IStatusSink status)
{
    /// <summary>The scripts that set up the run, in order (after <c>generate/params.sql</c>).</summary>
    private static readonly string[] SetupScripts = ["macros", "rules", "cases", "event_cases", "invocation_rules", "organisation", "apis", "bedrock", "state", "invocations"];

    /// <summary>The scripts that make one day's events, in order (after <c>generate/day_start.sql</c>).</summary>
    private static readonly string[] DayScripts =
        ["day_identities", "day_counts", "day_table", "day_api_events", "day_bedrock_events", "day_planted_events", "day_files"];

    public GenerateSummary Run(GenerateOptions options, CancellationToken cancellationToken = default)
    {
        try
        {
            return RunOnce(options, cancellationToken);
        }
        catch (DuckDBException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("generate was interrupted", cancellationToken);
        }
    }

    private GenerateSummary RunOnce(GenerateOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        OutputFolder.Prepare(options.OutputFolder);
        var summary = new GenerateSummary { ManifestPath = Path.Combine(options.OutputFolder, GenerateManifest.FileName) };

        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var interrupt = cancellationToken.Register(() => connection.NativeConnection?.Interrupt());
        connection.Execute(SqlScripts.Get("generate/params.sql"), new
        {
            seed = options.Seed,
            start = options.Start.ToDateTime(TimeOnly.MinValue),
            days = options.Days,
            events_per_day = options.EventsPerDay,
            file_minutes = options.FileMinutes,
            invocation_logs = options.InvocationLogs,
        });
        foreach (var script in SetupScripts)
        {
            connection.Execute(SqlScripts.Get($"generate/{script}.sql"));
        }

        using (var gzip = new GzipFileWriter())
        {
            for (var day = 0; day < options.Days; day++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                summary.Add(GenerateDay(connection, options, day, gzip, cancellationToken));
            if (options.InvocationLogs)
            {
                summary.AddInvocations(GenerateInvocations(connection, options, gzip, cancellationToken));
            }
                summary.Days = day + 1;
                status.Progress("generate", day + 1, options.Days, $"{summary.Events:N0} events, {summary.Files:N0} files");
            }
            gzip.Complete();
        }
        summary.Bytes = Directory.EnumerateFiles(Path.Combine(options.OutputFolder, "AWSLogs"), "*", SearchOption.AllDirectories)
            .Sum(f => new FileInfo(f).Length);

        var manifest = ManifestBuilder.Build(connection, options, summary);
        manifest.Write(summary.ManifestPath);
        summary.Elapsed = clock.Elapsed;
        return summary;
    }

    private static WrittenFiles GenerateDay(DuckDBConnection connection, GenerateOptions options, int day, GzipFileWriter gzip, CancellationToken ct)
    {
        connection.Execute(SqlScripts.Get("generate/day_start.sql"), new { day });
        foreach (var script in DayScripts)
        {
            ct.ThrowIfCancellationRequested();
            connection.Execute(SqlScripts.Get($"generate/{script}.sql"), commandTimeout: 0);
            if (script == "day_counts")
            {
                CheckRoom(connection, day);
            }
        }
        var written = options.Format == GenerateFormat.Parquet
            ? ParquetDeliveryWriter.Write(connection, options.OutputFolder, ct)
            : JsonDeliveryWriter.Write(connection, options, gzip, ct);
        connection.Execute(SqlScripts.Get("generate/day_tally.sql"), commandTimeout: 0);
        return written;
    }

    /// <summary>The day's invocation log records and files (after its CloudTrail: the records share its calls).</summary>
    private static WrittenFiles GenerateInvocations(DuckDBConnection connection, GenerateOptions options, GzipFileWriter gzip, CancellationToken ct)
    {
        StepTrace.Step("generate: invocation log records", () => connection.Execute(SqlScripts.Get("generate/day_invocations.sql"), commandTimeout: 0));
        return StepTrace.Step("generate: invocation log files", () => InvocationLogWriter.Write(connection, options, gzip, ct));
    }

    /// <summary>The planted cases and background Bedrock traffic must leave room for everyday calls.</summary>
    private static void CheckRoom(DuckDBConnection connection, int day)
    {
        var everyday = connection.ExecuteScalar<long>("SELECT everyday FROM gen_day_totals");
        if (everyday < 0)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments,
                $"--events-per-day is too small for day {day + 1}: the planted cases and Bedrock background need {-everyday:N0} more events");
        }
    }
}
