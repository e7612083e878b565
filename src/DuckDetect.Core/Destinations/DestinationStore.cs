using System.Data;
using Dapper;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Destinations;

/// <summary>
/// Destinations in destination_configs (every version kept, like the rules' exceptions) and their cursors in
/// destination_state: added, changed, disabled, enabled, removed, listed.
/// </summary>
[DapperAot]
public static class DestinationStore
{
    /// <summary>
    /// Stores a new destination, or (<paramref name="replace"/>) a new version of an existing one, which keeps its
    /// cursors. A new one starts at the newest change, or before the first with <paramref name="fromStart"/>.
    /// </summary>
    public static int Add(IDbConnection connection, ValidDestination destination, bool replace, bool enabled, bool fromStart,
        string by, string? reason, DateTimeOffset now, IDbTransaction tx)
    {
        CheckBy(by);
        var current = Current(connection, destination.Name, tx);
        if (current is not null && !replace)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments,
                $"destination {destination.Name} exists ({current.Type}, version {current.Version}); give --replace to change it");
        }
        if (current is null && replace)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments, $"no destination named {destination.Name} to replace");
        }
        if (current is not null && current.Type != destination.Type)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments,
                $"destination {destination.Name} is a {current.Type} destination; remove it and add a new one to change its type");
        }
        var version = Insert(connection, destination.Name, current is null ? "added" : "changed", destination.Type, destination.SettingsJson,
            destination.Filter, enabled, destination.TimeoutSeconds, destination.RetrySeconds, by, reason, now, tx);
        if (current is null)
        {
            connection.Execute(SqlScripts.Get("destinations/start.sql"),
                new { destination = destination.Name, from_start = fromStart, now = now.UtcDateTime }, tx);
        }
        return version;
    }

    /// <summary>
    /// Enables or disables a destination (a new version); one already so is an error. Enabled with
    /// <paramref name="skipPending"/>, it passes over the changes recorded while it was disabled (a backfill's).
    /// </summary>
    public static DestinationConfig SetEnabled(IDbConnection connection, string name, bool enabled, string by, string? reason,
        DateTimeOffset now, IDbTransaction tx, bool skipPending = false)
    {
        CheckBy(by);
        var current = Require(connection, name, tx);
        if (current.Enabled == enabled)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments, $"destination {name} is already {(enabled ? "enabled" : "disabled")}");
        }
        Again(connection, current, enabled ? "enabled" : "disabled", enabled, by, reason, now, tx);
        if (enabled && skipPending)
        {
            connection.Execute(SqlScripts.Get("destinations/skip_pending.sql"), new { destination = name }, tx);
        }
        return current;
    }

    /// <summary>Removes a destination: a last version says so, its history stays; its cursors go.</summary>
    public static DestinationConfig Remove(IDbConnection connection, string name, string by, string? reason, DateTimeOffset now, IDbTransaction tx)
    {
        CheckBy(by);
        var current = Require(connection, name, tx);
        Again(connection, current, "removed", enabled: false, by, reason, now, tx);
        connection.Execute("DELETE FROM destination_state WHERE destination = $name", new { name }, tx);
        return current;
    }

    /// <summary>The current destinations (latest versions, removed ones left out), or with <paramref name="all"/> every version.</summary>
    public static IReadOnlyList<DestinationConfig> List(IDbConnection connection, bool all = false, string? name = null, IDbTransaction? tx = null) =>
        connection.Query<DestinationConfig>(SqlScripts.Get("destinations/configs.sql"), new { all, destination = name }, tx).AsList();

    public static DestinationConfig? Current(IDbConnection connection, string name, IDbTransaction? tx = null) =>
        List(connection, all: false, name, tx).SingleOrDefault();

    public static DestinationConfig Require(IDbConnection connection, string name, IDbTransaction? tx = null) =>
        Current(connection, DestinationNames.Check(name), tx)
        ?? throw new DuckDetectException(FailureKind.InvalidArguments, $"no destination named {name} (destinations list shows them)");

    public static IReadOnlyList<DestinationState> States(IDbConnection connection, string? name = null, IDbTransaction? tx = null) =>
        connection.Query<DestinationState>(SqlScripts.Get("destinations/state.sql"), new { destination = name }, tx).AsList();

    private static void Again(IDbConnection connection, DestinationConfig current, string action, bool enabled, string by, string? reason,
        DateTimeOffset now, IDbTransaction tx) =>
        Insert(connection, current.Destination, action, current.Type, current.SettingsJson, current.Filter, enabled,
            current.TimeoutSeconds, current.RetrySeconds, by, reason, now, tx);

    private static int Insert(IDbConnection connection, string name, string action, string type, string settings, DestinationFilter filter,
        bool enabled, double timeout, double retry, string by, string? reason, DateTimeOffset now, IDbTransaction tx) =>
        connection.ExecuteScalar<int>(SqlScripts.Get("destinations/add_config.sql"), new
        {
            destination = name,
            action,
            type,
            settings,
            rule_ids = ListParameter.Of(filter.RuleIds ?? []),
            min_severity = filter.MinSeverity,
            changes = ListParameter.Of(filter.Changes),
            enabled,
            timeout_seconds = timeout,
            retry_seconds = retry,
            by = by.Trim(),
            now = now.UtcDateTime,
            reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
        }, tx);

    private static void CheckBy(string by)
    {
        if (string.IsNullOrWhiteSpace(by))
        {
            throw new DuckDetectException(FailureKind.InvalidArguments, "--by cannot be empty");
        }
    }
}
