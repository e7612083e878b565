using Dapper;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Investigation;

/// <summary>The hand-built history of <see cref="ExplainTests"/>, ingested and detected once for all its tests.</summary>
public sealed class ExplainHistory : IDisposable
{
    public const string OtherArn = "arn:aws:sts::111122223333:assumed-role/other/session";
    private const string OtherModel = "amazon.titan-text-express-v1";

    public DetectionFixture Fx { get; } = new();

    public string AlertId { get; }

    public ExplainHistory()
    {
        var events = new List<Dictionary<string, object?>>();
        // The database's first event, long before the baseline: the 14 days are all known.
        events.AddRange(Fx.Burst(1, At("2026-02-20T00:00:00Z"), TimeSpan.FromMinutes(1), e => Principal(e, OtherArn)));
        // The principal's first event (IAM), and its first call of another model.
        events.AddRange(Fx.Burst(1, At("2026-02-21T08:00:00Z"), TimeSpan.FromMinutes(1), e => Call(e, "iam.amazonaws.com", "ListUsers")));
        events.AddRange(Fx.Burst(1, At("2026-02-22T09:00:00Z"), TimeSpan.FromMinutes(1), e => Model(e, OtherModel)));
        for (var k = 1; k <= 20; k++)
        {
            var day = (k - 1) / 5;
            var hour = 8 + ((k - 1) % 5);
            events.AddRange(Fx.Burst(10 * k, At($"2026-03-0{2 + day}T{hour:D2}:00:00Z"), TimeSpan.FromHours(1)));
        }
        // The alert: 600 calls in 12:10-13:00, every other one from a new IP, all with a new access key.
        var i = 0;
        events.AddRange(Fx.Burst(600, At("2026-03-10T12:10:00Z"), TimeSpan.FromMinutes(50), e =>
        {
            ((Dictionary<string, object?>)e["userIdentity"]!)["accessKeyId"] = "ASIANEWKEY";
            if (i++ % 2 == 1)
            {
                e["sourceIPAddress"] = "203.0.113.9";
            }
        }));
        // Context within 24 h (and two calls outside it).
        events.AddRange(Fx.Burst(3, At("2026-03-10T11:00:00Z"), TimeSpan.FromMinutes(3), e => Call(e, "bedrock.amazonaws.com", "ListFoundationModels")));
        events.AddRange(Fx.Burst(1, At("2026-03-10T11:05:00Z"), TimeSpan.FromMinutes(1), e => Call(e, "bedrock.amazonaws.com", "GetModelInvocationLoggingConfiguration")));
        events.AddRange(Fx.Burst(1, At("2026-03-10T11:06:00Z"), TimeSpan.FromMinutes(1), e => Call(e, "bedrock.amazonaws.com", "DeleteModelInvocationLoggingConfiguration")));
        events.AddRange(Fx.Burst(1, At("2026-03-10T11:30:00Z"), TimeSpan.FromMinutes(1), e => Call(e, "iam.amazonaws.com", "CreateAccessKey")));
        events.AddRange(Fx.Burst(2, At("2026-03-09T13:00:00Z"), TimeSpan.FromMinutes(2), e => Call(e, "sts.amazonaws.com", "AssumeRole")));
        events.AddRange(Fx.Burst(5, At("2026-03-10T12:30:00Z"), TimeSpan.FromMinutes(5), e => e["errorCode"] = "ThrottlingException"));
        events.AddRange(Fx.Burst(1, At("2026-03-08T10:00:00Z"), TimeSpan.FromMinutes(1), e => Call(e, "bedrock.amazonaws.com", "ListFoundationModels")));
        events.AddRange(Fx.Burst(1, At("2026-03-11T14:00:00Z"), TimeSpan.FromMinutes(1), e => Call(e, "iam.amazonaws.com", "ListUsers")));
        // Related: another principal on the same model at 18:10-19:00 the same day; the principal again two days later.
        events.AddRange(Fx.Burst(600, At("2026-03-10T18:10:00Z"), TimeSpan.FromMinutes(50), e => Principal(e, OtherArn)));
        events.AddRange(Fx.Burst(600, At("2026-03-12T18:10:00Z"), TimeSpan.FromMinutes(50)));
        Fx.Ingest(events);
        Fx.Detect("2026-02-19T00:00:00Z", "2026-03-13T00:00:00Z");
        AlertId = Fx.Alerts().Single(a => a.UserArn == DetectionFixture.Arn && a.WindowEnd == At("2026-03-10T13:00:00Z").UtcDateTime).AlertId;
        using (var session = Fx.Db.Open())
        {
            session.Connection.Execute(
                """
                INSERT INTO alert_triage VALUES
                    (1, $id, $rule, 'open', 'investigating', NULL, 'looking', 'ana', TIMESTAMPTZ '2026-03-10 14:00:00+00'),
                    (2, $id, $rule, 'investigating', 'false_positive', 'load test', NULL, 'ana', TIMESTAMPTZ '2026-03-10 15:00:00+00');
                INSERT INTO rule_exceptions VALUES
                    (1, $rule, 'user_arn', 'is', ['arn:x'], ['arn:x'], 'batch job', NULL, 'bo', TIMESTAMPTZ '2026-03-01 00:00:00+00', NULL, NULL, NULL),
                    (2, $rule, 'user_arn', 'is', ['arn:y'], ['arn:y'], 'old', NULL, 'bo', TIMESTAMPTZ '2026-03-01 00:00:00+00', 'bo', TIMESTAMPTZ '2026-03-02 00:00:00+00', 'gone');
                """, new { id = AlertId, rule = Fx.Rule.Id });
        }
    }

    private static DateTimeOffset At(string iso) => DetectionFixture.At(iso);

    private static void Principal(Dictionary<string, object?> e, string arn) =>
        ((Dictionary<string, object?>)e["userIdentity"]!)["arn"] = arn;

    private static void Model(Dictionary<string, object?> e, string model) =>
        e["requestParameters"] = new Dictionary<string, object?> { ["modelId"] = model };

    private static void Call(Dictionary<string, object?> e, string source, string name)
    {
        e["eventSource"] = source;
        e["eventName"] = name;
        e["requestParameters"] = null;
    }

    public void Dispose() => Fx.Dispose();
}
