using System.Data;
using System.Diagnostics;
using System.Security.Cryptography;
using Dapper;
using DuckDB.NET.Data;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Enrichment;

/// <summary>
/// <c>asn load</c> and <c>asn clear</c>: AS data from files into the database, in one transaction. Every file is
/// recognised and read into staging tables and checked before anything stored changes, so a file that cannot be used
/// (corrupt, truncated, of another format, a bad row) is one error naming it and the line, and leaves the previous AS
/// data, events and alerts as they were. Then the ranges replace the previous ones, every stored source IP is looked
/// up again (source_ip_as), and the alerts, candidates and evidence take the AS their IPs now have.
/// </summary>
[DapperAot]
public static class AsnLoader
{
    public static AsnLoadSummary Load(DuckDbSession session, IReadOnlyList<string> paths, AsnFormat? format, DateTimeOffset now, IStatusSink status)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(status);
        if (paths.Count == 0)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments, "asn load needs at least one FILE");
        }
        var clock = Stopwatch.StartNew();
        var files = paths.Select(p => AsnFileSniffer.Sniff(Path.GetFullPath(p), format)).ToList();
        var at = Truncate(now);
        return session.InTransaction(tx =>
        {
            var connection = session.Connection;
            connection.Execute(SqlScripts.Get("asn/stage_create.sql"), transaction: tx);
            var loadId = connection.ExecuteScalar<long>("SELECT nextval('asn_load_seq')", transaction: tx);
            for (var i = 0; i < files.Count; i++)
            {
                var file = files[i];
                var staged = StepTrace.Step($"asn: read {file.Path}", () => Stage(connection, tx, file, i));
                status.Info($"asn: {file.Path}: {file.FormatName}{(file.Compression is { } c ? $" ({c})" : "")}, {staged.Ranges:N0} range(s){staged.Note}");
                Record(connection, tx, loadId, file, i, staged);
            }
            StepTrace.Step("asn: replace the ranges", () => connection.Execute(AsnSql.ReplaceRanges(), transaction: tx, commandTimeout: 0));
            var overlapping = connection.ExecuteScalar<long>(SqlScripts.Get("asn/overlaps.sql"), transaction: tx);
            if (overlapping > 0)
            {
                status.Warn($"asn: {overlapping:N0} range(s) overlap another; where they overlap, the range that starts last applies");
            }
            var summary = Apply(connection, tx, loadId, "load", overlapping, at, clock);
            connection.Execute("DROP TABLE asn_overlaps; DROP TABLE asn_stage; DROP TABLE asn_stage_text; DROP TABLE asn_stage_networks;", transaction: tx);
            return summary;
        });
    }

    /// <summary><c>asn clear</c>: no AS data; events, alerts and evidence lose their AS.</summary>
    public static AsnLoadSummary Clear(DuckDbSession session, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        var clock = Stopwatch.StartNew();
        return session.InTransaction(tx =>
        {
            var connection = session.Connection;
            connection.Execute(SqlScripts.Get("asn/clear.sql"), transaction: tx);
            var loadId = connection.ExecuteScalar<long>("SELECT nextval('asn_load_seq')", transaction: tx);
            return Apply(connection, tx, loadId, "clear", 0, Truncate(now), clock);
        });
    }

    /// <summary>Looks every stored source IP up again and brings alerts, candidates and evidence in line; records the load.</summary>
    private static AsnLoadSummary Apply(IDbConnection connection, IDbTransaction tx, long loadId, string action, long overlapping, DateTime now, Stopwatch clock)
    {
        if (action == "load")
        {
            StepTrace.Step("asn: look up every stored source IP", () => connection.Execute(
                AsnSql.WithLookup("asn/map_all.sql", "asn/all_addresses.sql"), transaction: tx, commandTimeout: 0));
        }
        StepTrace.Step("asn: alerts, candidates and evidence", () => connection.Execute(SqlScripts.Get("asn/alerts.sql"), new { now }, tx, commandTimeout: 0));
        connection.Execute(SqlScripts.Get("asn/record_load.sql"), new
        {
            load_id = loadId,
            action,
            overlapping_ranges = overlapping,
            now,
            duration_ms = (long)clock.Elapsed.TotalMilliseconds,
        }, tx);
        return connection.QuerySingle<AsnLoadSummary>(
            "SELECT ranges AS Ranges, ipv4_ranges AS Ipv4Ranges, ipv6_ranges AS Ipv6Ranges, overlapping_ranges AS OverlappingRanges, " +
            "source_ips AS SourceIps, source_ips_with_as AS SourceIpsWithAs, alerts_updated AS AlertsUpdated, duration_ms AS DurationMs " +
            "FROM asn_loads WHERE load_id = $load_id", new { load_id = loadId }, tx);
    }

    /// <summary>One file into asn_stage, checked: its first unusable row is an error naming the line.</summary>
    private static StagedFile Stage(DuckDBConnection connection, IDbTransaction tx, AsnFile file, int index)
    {
        if (file.Format == AsnFormat.Mmdb)
        {
            var mmdb = MmdbNetworks.Stage(connection, file, index);
            connection.Execute(SqlScripts.Get("asn/stage_mmdb.sql"), new { file_index = index }, tx, commandTimeout: 0);
            return new StagedFile(mmdb.Networks, mmdb.Description, mmdb.BuiltAt,
                mmdb.WithoutNumber > 0 ? $"; {mmdb.WithoutNumber:N0} network(s) without an AS number skipped" : "");
        }
        ReadCsv(connection, tx, file, index);
        var script = file.Format switch
        {
            AsnFormat.CsvNetworks => "asn/stage_networks.sql",
            AsnFormat.CsvNumbers => "asn/stage_range_numbers.sql",
            _ => "asn/stage_ranges.sql",
        };
        connection.Execute(AsnSql.Stage(script), new { file_index = index }, tx, commandTimeout: 0);
        if (connection.QuerySingleOrDefault<StageProblem>(SqlScripts.Get("asn/stage_problem.sql"), new { file_index = index }, tx) is { } problem)
        {
            throw AsnFileSniffer.Bad(file.Path, $"line {problem.Line}: {problem.Problem}");
        }
        var ranges = connection.ExecuteScalar<long>("SELECT count(*) FROM asn_stage WHERE file_index = $file_index", new { file_index = index }, tx);
        return ranges > 0 ? new StagedFile(ranges, null, null, "") : throw AsnFileSniffer.Bad(file.Path, "no ranges");
    }

    /// <summary>A CSV's rows as text (DuckDB reads the file; a malformed line fails the read, named by DuckDB).</summary>
    private static void ReadCsv(DuckDBConnection connection, IDbTransaction tx, AsnFile file, int index)
    {
        var networks = file.Format == AsnFormat.CsvNetworks;
        var sql = SqlText.Fill(SqlScripts.Get("asn/read_csv.sql"), new Dictionary<string, string>
        {
            ["path"] = SqlText.Literal(file.Path),
            ["header"] = file.Header ? "true" : "false",
            ["first_line"] = file.Header ? "2" : "1",
            ["compression"] = SqlText.Literal(file.Compression ?? "none"),
            ["columns"] = networks
                ? "{'network': 'VARCHAR', 'autonomous_system_number': 'VARCHAR', 'autonomous_system_organization': 'VARCHAR'}"
                : "{'ip_range_start': 'VARCHAR', 'ip_range_end': 'VARCHAR', 'autonomous_system_number': 'VARCHAR', 'autonomous_system_organization': 'VARCHAR'}",
            ["select"] = networks
                ? "network, NULL, autonomous_system_number, autonomous_system_organization"
                : "ip_range_start, ip_range_end, autonomous_system_number, autonomous_system_organization",
        });
        try
        {
            connection.Execute(sql, new { file_index = index }, tx, commandTimeout: 0);
        }
        catch (DuckDBException ex) when (!StorageFailure.IsDiskFull(ex) && !StorageFailure.IsOutOfMemory(ex))
        {
            throw AsnFileSniffer.Bad(file.Path, "not a well-formed AS CSV: " + CsvError(ex.Message));
        }
    }

    /// <summary>DuckDB's CSV error in one line: the line it names and what it expected.</summary>
    private static string CsvError(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var where = lines.FirstOrDefault(l => l.Contains("Line:", StringComparison.Ordinal));
        var what = lines.FirstOrDefault(l => l.StartsWith("Expected", StringComparison.Ordinal) || l.Contains("quote", StringComparison.OrdinalIgnoreCase) || l.Contains("UTF", StringComparison.Ordinal));
        var text = string.Join("; ", new[] { where, what }.OfType<string>().Distinct());
        return text.Length > 0 ? text.Replace("Invalid Input Error: ", "", StringComparison.Ordinal) : DuckDbSession.FirstLine(message);
    }

    private static void Record(IDbConnection connection, IDbTransaction tx, long loadId, AsnFile file, int index, StagedFile staged)
    {
        var info = new FileInfo(file.Path);
        string sha256;
        using (var stream = File.OpenRead(file.Path))
        {
            sha256 = Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        connection.Execute(SqlScripts.Get("asn/record_file.sql"), new
        {
            load_id = loadId,
            path = file.Path,
            format = file.FormatName,
            compression = file.Compression,
            description = staged.Description,
            built_at = staged.BuiltAt,
            bytes = info.Length,
            modified_at = info.LastWriteTimeUtc,
            sha256,
            file_index = index,
        }, tx);
    }

    /// <summary>DuckDB keeps microseconds: the time alerts are updated at must compare equal to what is stored.</summary>
    private static DateTime Truncate(DateTimeOffset now) => new(now.UtcTicks - (now.UtcTicks % 10), DateTimeKind.Utc);

    private sealed record StagedFile(long Ranges, string? Description, DateTime? BuiltAt, string Note);
}
