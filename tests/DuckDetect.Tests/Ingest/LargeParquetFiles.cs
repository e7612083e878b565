using Dapper;
using DuckDB.NET.Data;
using DuckDetect.Core.Storage;

namespace DuckDetect.Tests.Ingest;

/// <summary>
/// Two Parquet files of 70,000 records each, written once per test class: one with the column names of Athena's
/// CloudTrail table (Glue style: lowercase names, objects as JSON text), one as Amazon Security Lake writes OCSF
/// (class 3005, the principal in actor.user, requestParameters whole in the unmapped map). Their records hold more
/// than 100 MB once read (a 1.6 KB requestParameters each, of fifty templates, so that Parquet's dictionary encoding
/// keeps each file near 10 MB), and 18 eventIDs repeat, so that the exact load runs. As a Security Lake or Athena
/// export of an ordinary hour looks; such files used to run out of memory in the checks after the read.
/// </summary>
public sealed class LargeParquetFiles : IDisposable
{
    public const int Records = 70_000;

    public const int Repeated = 18;

    public LargeParquetFiles()
    {
        Folder = Directory.CreateTempSubdirectory("duckdetect-large-parquet-").FullName;
        Glue = Path.Combine(Folder, "glue", "cloudtrail.parquet");
        SecurityLake = Path.Combine(Folder, "security-lake", "region=us-east-1", "accountId=444455556666", "eventDay=20250602", "ocsf.parquet");
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        connection.Execute($"CREATE TABLE records AS {RecordsSql}");
        Directory.CreateDirectory(Path.GetDirectoryName(Glue)!);
        connection.Execute($"COPY ({GlueSql}) TO {SqlText.Literal(Glue)} (FORMAT parquet)");
        Directory.CreateDirectory(Path.GetDirectoryName(SecurityLake)!);
        connection.Execute($"COPY ({OcsfSql}) TO {SqlText.Literal(SecurityLake)} (FORMAT parquet)");
        RecordBytes = connection.ExecuteScalar<long>("SELECT sum(length(to_json(r)))::BIGINT FROM records r");
    }

    public string Folder { get; }

    public string Glue { get; }

    public string SecurityLake { get; }

    /// <summary>The records' size as JSON text: what the files hold once read.</summary>
    public long RecordBytes { get; }

    /// <summary>The records: a day of Bedrock and other calls by five principals; the last 18 repeat earlier eventIDs.</summary>
    private static readonly string RecordsSql =
        $$"""
        SELECT
            'ev-' || md5((CASE WHEN i >= {{Records}} - {{Repeated}} THEN i - 1000 ELSE i END)::VARCHAR) AS event_id,
            TIMESTAMP '2025-06-02 00:00:00' + to_microseconds((i * 1234567)::BIGINT % 86400000000) AS event_time,
            CASE WHEN i % 3 = 0 THEN 's3.amazonaws.com' ELSE 'bedrock.amazonaws.com' END AS event_source,
            CASE WHEN i % 3 = 0 THEN 'GetObject' ELSE 'InvokeModel' END AS event_name,
            'arn:aws:sts::444455556666:assumed-role/worker/session-' || (i % 5) AS arn,
            '{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","body":"' || repeat(md5((i % 50)::VARCHAR), 50) || '"}' AS request_parameters
        FROM range({{Records}}) t(i)
        """;

    private const string GlueSql =
        """
        SELECT '1.09' AS eventversion,
               {'type': 'AssumedRole', 'principalid': 'AROAEXAMPLE:session', 'arn': arn, 'accountid': '444455556666',
                'invokedby': NULL::VARCHAR, 'accesskeyid': 'ASIAEXAMPLE', 'username': NULL::VARCHAR} AS useridentity,
               strftime(event_time, '%Y-%m-%dT%H:%M:%SZ') AS eventtime, event_source AS eventsource,
               event_name AS eventname, 'us-east-1' AS awsregion, '198.51.100.7' AS sourceipaddress,
               'Boto3/1.34.0' AS useragent, NULL::VARCHAR AS errorcode, NULL::VARCHAR AS errormessage,
               request_parameters AS requestparameters, NULL::VARCHAR AS responseelements,
               NULL::VARCHAR AS additionaleventdata, md5(event_id) AS requestid, event_id AS eventid,
               'AwsApiCall' AS eventtype, 'true' AS readonly, '444455556666' AS recipientaccountid
        FROM records
        """;

    private const string OcsfSql =
        """
        SELECT {'product': {'version': '1.09', 'name': 'CloudTrail', 'vendor_name': 'AWS', 'feature': {'name': 'Management'}},
                'uid': event_id, 'profiles': ['cloud'], 'version': '1.0.0-rc.2'} AS metadata,
               epoch_ms(event_time) AS time,
               {'region': 'us-east-1', 'provider': 'AWS'} AS cloud,
               {'response': {'error': NULL::VARCHAR, 'message': NULL::VARCHAR}, 'operation': event_name,
                'version': NULL::VARCHAR, 'service': {'name': event_source}, 'request': {'uid': md5(event_id)}} AS api,
               {'user': {'type': 'AssumedRole', 'name': NULL::VARCHAR, 'uid': 'AROAEXAMPLE:session', 'uuid': arn,
                         'account_uid': '444455556666', 'credential_uid': 'ASIAEXAMPLE'},
                'session': {'created_time': NULL::BIGINT, 'mfa': false, 'issuer': NULL::VARCHAR},
                'invoked_by': NULL::VARCHAR} AS actor,
               {'user_agent': 'Boto3/1.34.0'} AS http_request,
               {'uid': NULL::VARCHAR, 'ip': '198.51.100.7', 'domain': NULL::VARCHAR} AS src_endpoint,
               'API Activity' AS class_name, 3005 AS class_uid, 'Audit Activity' AS category_name, 3 AS category_uid,
               MAP {'requestParameters': request_parameters, 'recipientAccountId': '444455556666'} AS unmapped
        FROM records
        """;

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
