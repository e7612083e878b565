using System.Text.Json.Nodes;
using Dapper;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Ingest.Invocations;

/// <summary>The invocation log fixture (data/invocations/), records built in tests, and reading back what landed.</summary>
public static class InvocationKit
{
    public const string Account = "111122223333";

    public static string FixturePath { get; } = Path.Combine(RepoPaths.Data, "invocations", "AWSLogs", Account,
        "BedrockModelInvocationLogs", "us-east-1", "2024", "05", "01", "12", "20240501T120000Z_sample.json");

    public static string FixtureText => File.ReadAllText(FixturePath);

    /// <summary>The fixture's request id number <paramref name="n"/> (1 to 13).</summary>
    public static string RequestId(int n) => $"a1b2c3d4-{n:0000}-4000-8000-{n:000000000000}";

    /// <summary>A Converse record whose last user turn is <paramref name="prompt"/> and whose response is <paramref name="output"/>.</summary>
    public static string Converse(string requestId, string prompt, string output = "ok", int second = 0, string account = Account,
        string? schemaType = "ModelInvocationLog")
    {
        var record = new JsonObject
        {
            ["schemaType"] = schemaType,
            ["schemaVersion"] = "1.0",
            ["timestamp"] = $"2024-05-02T08:00:{second:00}Z",
            ["accountId"] = account,
            ["identity"] = new JsonObject { ["arn"] = "arn:aws:sts::111122223333:assumed-role/eval/run" },
            ["region"] = "eu-west-1",
            ["requestId"] = requestId,
            ["operation"] = "Converse",
            ["modelId"] = "anthropic.claude-3-haiku-20240307-v1:0",
            ["input"] = new JsonObject
            {
                ["inputContentType"] = "application/json",
                ["inputTokenCount"] = 10,
                ["inputBodyJson"] = new JsonObject
                {
                    ["messages"] = new JsonArray(new JsonObject
                    {
                        ["role"] = "user",
                        ["content"] = new JsonArray(new JsonObject { ["text"] = prompt }),
                    }),
                    ["inferenceConfig"] = new JsonObject { ["maxTokens"] = 16, ["temperature"] = 0 },
                },
            },
            ["output"] = new JsonObject
            {
                ["outputContentType"] = "application/json",
                ["outputTokenCount"] = 2,
                ["outputBodyJson"] = new JsonObject
                {
                    ["output"] = new JsonObject
                    {
                        ["message"] = new JsonObject
                        {
                            ["role"] = "assistant",
                            ["content"] = new JsonArray(new JsonObject { ["text"] = output }),
                        },
                    },
                    ["stopReason"] = "end_turn",
                },
            },
        };
        return record.ToJsonString();
    }

    public static string Lines(params string[] records) => string.Join('\n', records) + "\n";

    /// <summary>Every column of one stored invocation as text (NULL stays null).</summary>
    public static Dictionary<string, string?> Row(TempDatabase db, string requestId)
    {
        using var session = db.Open();
        var row = (IDictionary<string, object?>)session.Connection.QuerySingle(
            """
            SELECT CAST(COLUMNS(* EXCLUDE (invocation_time)) AS VARCHAR),
                   strftime(invocation_time, '%Y-%m-%d %H:%M:%S') AS invocation_time
            FROM bedrock_invocations WHERE request_id = $requestId
            """,
            new { requestId });
        return row.ToDictionary(c => c.Key, c => c.Value as string, StringComparer.Ordinal);
    }

    public static long Count(TempDatabase db) => db.Scalar<long>("SELECT count(*) FROM bedrock_invocations");

    /// <summary>The tables of a database (any DuckDB file) whose rows, as text, contain <paramref name="text"/> (case-insensitive).</summary>
    public static List<string> TablesContaining(string databasePath, string text)
    {
        using var connection = new DuckDB.NET.Data.DuckDBConnection($"DataSource={databasePath};ACCESS_MODE=READ_ONLY");
        connection.Open();
        var tables = connection.Query<string>(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND NOT temporary ORDER BY 1").ToList();
        return tables.Where(t => connection.ExecuteScalar<long>(
                $"SELECT count(*) FROM {Core.Storage.SqlText.Identifier(t)} r WHERE contains(lower(CAST(r AS VARCHAR)), lower($text))",
                new { text }) > 0)
            .ToList();
    }
}
