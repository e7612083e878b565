using Dapper;
using DuckDB.NET.Data;
using DuckDetect.Core.Storage;

namespace DuckDetect.Tests.Generate;

/// <summary>
/// Reads generated files back with plain DuckDB (not the generator's SQL) into a view <c>events</c>:
/// file, arn, account, model_id, event_time, event_source, event_name, error_code, aws_region, source_ip, event_id.
/// </summary>
public sealed class EventReader : IDisposable
{
    private const string Fields =
        "eventTime VARCHAR, eventID VARCHAR, eventSource VARCHAR, eventName VARCHAR, errorCode VARCHAR, " +
        "awsRegion VARCHAR, sourceIPAddress VARCHAR, recipientAccountId VARCHAR, userIdentity JSON, requestParameters JSON";

    private EventReader(DuckDBConnection connection) => Connection = connection;

    public DuckDBConnection Connection { get; }

    public static EventReader Json(string folder) => Open(
        $$"""
        SELECT filename AS file, unnest(Records, recursive := true)
        FROM read_json({{SqlText.Literal(Path.Combine(folder, "AWSLogs", "*", "CloudTrail", "**", "*.json.gz"))}},
                       format = 'unstructured', compression = 'gzip', filename = true,
                       maximum_object_size = 1073741824, columns = {Records: 'STRUCT({{Fields}})[]'})
        """);

    public static EventReader Parquet(string folder) => Open(
        $"""
        SELECT filename AS file, eventTime, eventID, eventSource, eventName, errorCode, awsRegion, sourceIPAddress, recipientAccountId,
               to_json(userIdentity) AS userIdentity, requestParameters::JSON AS requestParameters
        FROM read_parquet({SqlText.Literal(Path.Combine(folder, "AWSLogs", "*", "CloudTrail", "**", "*.parquet"))}, filename = true)
        """);

    private static EventReader Open(string source)
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        connection.Execute("SET TimeZone = 'UTC'");
        connection.Execute(
            $"""
            CREATE TABLE raw AS {source};
            CREATE VIEW events AS
            SELECT replace(file, '\', '/') AS file,
                   userIdentity->>'$.arn' AS arn,
                   coalesce(userIdentity->>'$.accountId', recipientAccountId) AS account,
                   requestParameters->>'$.modelId' AS model_id,
                   strptime(eventTime, '%Y-%m-%dT%H:%M:%SZ') AS event_time,
                   eventSource AS event_source, eventName AS event_name, errorCode AS error_code,
                   awsRegion AS aws_region, sourceIPAddress AS source_ip, eventID AS event_id
            FROM raw;
            """);
        return new EventReader(connection);
    }

    public T Scalar<T>(string sql, object? parameters = null) => Connection.ExecuteScalar<T>(sql, parameters)!;

    public List<T> Query<T>(string sql, object? parameters = null) => Connection.Query<T>(sql, parameters).ToList();

    /// <summary>
    /// The seed rule's windows written independently of the generator: for every 10-minute mark E after a call, the
    /// successful runtime calls of each (arn, account, model) in [E - 60 min, E), by a range join on the events.
    /// </summary>
    public List<WindowCount> Windows() => Query<WindowCount>(
        """
        WITH calls AS (
            SELECT arn, account, model_id, event_time FROM events
            WHERE event_source = 'bedrock.amazonaws.com'
              AND event_name IN ('InvokeModel', 'Converse', 'ConverseStream', 'InvokeModelWithResponseStream')
              AND error_code IS NULL AND arn IS NOT NULL AND model_id IS NOT NULL
        ), marks AS (
            SELECT DISTINCT arn, account, model_id,
                   to_timestamp((epoch(event_time)::BIGINT // 600 + k) * 600)::TIMESTAMP AS window_end
            FROM calls CROSS JOIN range(1, 7) r(k)
        )
        SELECT m.arn AS Arn, m.account AS Account, m.model_id AS ModelId, m.window_end AS WindowEnd, count(*) AS Calls
        FROM marks m
        JOIN calls c ON c.arn = m.arn AND c.account = m.account AND c.model_id = m.model_id
                    AND c.event_time >= m.window_end - INTERVAL 60 MINUTE AND c.event_time < m.window_end
        GROUP BY ALL
        """);

    public void Dispose() => Connection.Dispose();
}
