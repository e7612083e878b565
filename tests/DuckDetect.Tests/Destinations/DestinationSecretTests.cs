using Dapper;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Destinations;

/// <summary>
/// Secrets stay out of sight: named by an environment variable or a file, never given on the command line, and in
/// no output, status, list, database file or error message, even when a receiver quotes them back in its error.
/// </summary>
public sealed class DestinationSecretTests : IDisposable
{
    private const string SlackToken = "xq7TOKENpart9Zk2";
    private const string SlackPath = "/services/TDUCK0/BDUCK0/" + SlackToken;
    private const string SigningKey = "whsec-NEVER-SHOWN-5e8a1c";
    private const string ApiKey = "QVBJS0VZLW5ldmVyLXNob3du";

    private readonly DestinationScenario _s = new();

    // Receivers that quote the request back in their refusal, as some proxies do.
    private readonly LocalReceiver _slack = new(r => new ReceiverReply(400, $"invalid_token for {r.Path}", "text/plain"));
    private readonly LocalReceiver _es = new(r => new ReceiverReply(401, $"{{\"error\":\"bad {r.Header("Authorization")}\"}}"));

    [Fact]
    public void Secrets_AppearInNoOutputStatusListOrDatabase_EvenWhenAReceiverQuotesThem()
    {
        var slackUrl = _slack.Url + SlackPath;
        _s.Environment["SLACK_URL"] = slackUrl;
        _s.Environment["HOOK_KEY"] = SigningKey;
        var keyFile = Path.Combine(_s.Db.Folder, "es.key");
        File.WriteAllText(keyFile, ApiKey);
        var outputs = new List<CliResult>
        {
            _s.Add("chat", "--type", "slack", "--url", slackUrl),
            _s.Add("chat", "--type", "slack", "--url-env", "SLACK_URL", "--changes", "created,updated,retracted"),
            _s.Add("hook", "--type", "webhook", "--url", "http://127.0.0.1:9/in", "--signing-key-env", "HOOK_KEY", "--timeout", "1", "--retry-seconds", "0"),
            _s.Add("siem", "--type", "elasticsearch", "--url", _es.Url, "--index", "alerts", "--api-key-file", keyFile),
            _s.Add("bad", "--type", "webhook", "--url", _slack.Url + "/x?token=" + SlackToken, "--signing-key-env", "HOOK_KEY"),
        };
        Assert.Equal([64, 0, 0, 0, 64], outputs.Select(o => o.ExitCode));
        _s.Create();

        outputs.Add(_s.Run());
        outputs.Add(_s.Cli("alerts", "--db", _s.Db.Path, "--destination", "chat"));
        outputs.Add(_s.Cli("destinations", "test", "chat", "--db", _s.Db.Path));
        outputs.Add(_s.Cli("destinations", "test", "siem", "--db", _s.Db.Path));
        outputs.Add(_s.Cli("destinations", "list", "--db", _s.Db.Path));
        outputs.Add(_s.Cli("destinations", "list", "--db", _s.Db.Path, "--format", "json"));
        outputs.Add(_s.Cli("destinations", "list", "--all", "--db", _s.Db.Path));
        outputs.Add(_s.Cli("status", "--db", _s.Db.Path));
        outputs.Add(_s.Cli("status", "--db", _s.Db.Path, "--format", "json"));
        outputs.Add(_s.Cli("sql", "--db", _s.Db.Path, "SELECT * FROM destination_state"));

        Assert.Equal(79, outputs[5].ExitCode);
        Assert.Contains("invalid_token for", outputs[5].Stderr, StringComparison.Ordinal);
        Assert.Contains("[secret]", outputs[5].Stderr, StringComparison.Ordinal);
        Assert.Contains("chat", outputs[11].Stdout, StringComparison.Ordinal);
        var everything = string.Join('\n', outputs.Select(o => o.Stdout + o.Stderr)) + Tables(_s.Db.Path) + Tables(Path.Combine(_s.Db.Folder, "test.alerts.duckdb"))
            + Bytes(_s.Db.Folder);
        foreach (var secret in new[] { SlackToken, SigningKey, ApiKey })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }
    }

    /// <summary>Every row of every table as text.</summary>
    private static string Tables(string path)
    {
        using var connection = new DuckDB.NET.Data.DuckDBConnection($"Data Source={path};ACCESS_MODE=READ_ONLY");
        connection.Open();
        var tables = connection.Query<string>("SELECT table_name FROM duckdb_tables() WHERE NOT temporary").ToList();
        return string.Join('\n', tables.Select(t => connection.ExecuteScalar<string>($"SELECT coalesce(string_agg(to_json(t)::VARCHAR, '\n'), '') FROM \"{t}\" t")));
    }

    /// <summary>The bytes of every file of the folder but the secret's own, as Latin-1 text.</summary>
    private static string Bytes(string folder) =>
        string.Concat(Directory.GetFiles(folder).Where(f => !f.EndsWith("es.key", StringComparison.Ordinal))
            .Select(f => System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(f))));

    public void Dispose()
    {
        _slack.Dispose();
        _es.Dispose();
        _s.Dispose();
    }
}
