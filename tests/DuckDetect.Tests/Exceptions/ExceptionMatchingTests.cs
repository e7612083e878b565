using DuckDetect.Core.Exceptions;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Exceptions;

/// <summary>
/// Each exception field and operator against the candidate of one probing principal (calls from 198.51.100.7,
/// Boto3/1.34.0, access key ASIAEXAMPLE, an assumed role, Claude 3 Haiku, account 111122223333): matching is
/// checked on a stored candidate, as detect applies it; expiry and the list rule end to end.
/// </summary>
public sealed class ExceptionMatchingTests : IDisposable
{
    private readonly DetectionFixture _f = new();

    private static DateTimeOffset T(string iso) => DetectionFixture.At(iso);

    [Theory]
    [InlineData("user_arn", "is", DetectionFixture.Arn, true)]
    [InlineData("user_arn", "is", "arn:aws:sts::111122223333:assumed-role/other/session", false)]
    [InlineData("user_arn", "is-not", "arn:aws:sts::111122223333:assumed-role/other/session", true)]
    [InlineData("user_arn", "is-not", DetectionFixture.Arn, false)]
    [InlineData("user_arn", "matches", "arn:aws:sts::*:assumed-role/prober/*", true)]
    [InlineData("user_arn", "matches", "arn:aws:sts::*:assumed-role/rag-service-*", false)]
    [InlineData("user_arn", "matches", "arn:aws:sts::*:assumed-role/PROBER/*", false)] // globs are case-sensitive
    [InlineData("account_id", "is", DetectionFixture.Account, true)]
    [InlineData("account_id", "is", "444455556666", false)]
    [InlineData("model_id", "matches", "anthropic.*", true)]
    [InlineData("model_id", "is", "amazon.titan-text-express-v1", false)]
    [InlineData("user_agent", "matches", "Boto3/*", true)]
    [InlineData("user_agent", "is-not", "Boto3/1.34.0", false)]
    [InlineData("source_ip", "is", "198.51.100.7", true)]
    [InlineData("source_ip", "in-cidr", "198.51.100.0/24", true)]
    [InlineData("source_ip", "in-cidr", "198.51.100.7/32", true)]
    [InlineData("source_ip", "in-cidr", "198.51.101.0/24", false)]
    [InlineData("source_ip", "in-cidr", "0.0.0.0/0", true)]
    [InlineData("source_ip", "in-cidr", "2001:db8::/32", false)]
    [InlineData("access_key_id", "is", "ASIAEXAMPLE", true)]
    [InlineData("access_key_id", "matches", "AKIA*", false)]
    [InlineData("identity_type", "is", "AssumedRole", true)]
    [InlineData("identity_type", "is", "IAMUser", false)]
    public void Apply_ExceptionOnEachFieldAndOperator_ExceptsOnlyWhenItMatches(string field, string op, string value, bool excepted)
    {
        Assert.Equal(excepted, Excepts(field, op, [value], ["198.51.100.7"], ["Boto3/1.34.0"]));
    }

    [Theory]
    [InlineData("2001:db8::5", "2001:db8::/32", true)]
    [InlineData("2001:db8::5", "2001:db8:0:0::5/128", true)]
    [InlineData("2001:DB8:0:0:0:0:0:5", "2001:db8::/32", true)]
    [InlineData("2001:db8::5", "2001:db9::/32", false)]
    [InlineData("2001:db8::5", "198.51.100.0/24", false)]
    [InlineData("::ffff:198.51.100.7", "198.51.100.0/24", true)]
    [InlineData("bedrock.amazonaws.com", "0.0.0.0/0", false)]
    [InlineData("198.51.100.256", "0.0.0.0/0", false)]
    public void Apply_InCidr_ComparesTheAddressBitsOfIpv4AndIpv6(string source, string cidr, bool excepted)
    {
        Assert.Equal(excepted, Excepts("source_ip", "in-cidr", [cidr], [source], ["Boto3/1.34.0"]));
    }

    [Theory]
    [InlineData("source_ip", "is", new[] { "198.51.100.7" }, false)]
    [InlineData("source_ip", "is", new[] { "198.51.100.7", "203.0.113.9" }, true)]
    [InlineData("source_ip", "in-cidr", new[] { "198.51.100.0/24" }, false)]
    [InlineData("source_ip", "in-cidr", new[] { "198.51.100.0/24", "203.0.113.0/24" }, true)]
    [InlineData("source_ip", "is-not", new[] { "192.0.2.1" }, true)]
    [InlineData("source_ip", "is-not", new[] { "203.0.113.9" }, false)]
    [InlineData("user_agent", "matches", new[] { "Boto3/*" }, false)]
    [InlineData("user_agent", "matches", new[] { "Boto3/*", "curl/*" }, true)]
    public void Apply_ListField_ExceptsOnlyWhenEveryValueMatches(string field, string op, string[] values, bool excepted)
    {
        Assert.Equal(excepted, Excepts(field, op, values, ["198.51.100.7", "203.0.113.9"], ["Boto3/1.34.0", "curl/8.5.0"]));
    }

    [Fact]
    public void Apply_EmptyListOrMissingAccount_NeverMatches()
    {
        Assert.False(Excepts("source_ip", "is-not", ["192.0.2.1"], [], ["Boto3/1.34.0"]));
        Assert.False(Excepts("account_id", "is-not", ["444455556666"], ["198.51.100.7"], ["Boto3/1.34.0"], account: null));
    }

    [Theory]
    [InlineData("arn:aws:sts::*:assumed-role/worker/*", true)]
    [InlineData("arn:aws:sts::*:assumed-role/worker/a", false)]
    public void Apply_UserArnOnACandidateOfSeveralPrincipals_ExceptsOnlyWhenEveryPrincipalMatches(string glob, bool excepted)
    {
        // A credential-distributed candidate: no single user_arn, its principals in user_arns.
        Assert.Equal(excepted, Excepts("user_arn", "matches", [glob], ["198.51.100.7"], ["Boto3/1.34.0"],
            principals: ["arn:aws:sts::111122223333:assumed-role/worker/a", "arn:aws:sts::111122223333:assumed-role/worker/b"]));
    }

    /// <summary>Stores one candidate and one exception, applies exceptions as detect does; whether it was excepted.</summary>
    private bool Excepts(string field, string op, string[] values, string[] sourceIps, string[] userAgents, string? account = DetectionFixture.Account,
        string[]? principals = null)
    {
        _f.Db.Scalar<long>("DELETE FROM rule_exceptions; DELETE FROM detection_candidates; SELECT 0");
        _f.AddException(field, op, values);
        var end = T("2026-03-02T02:00:00Z").UtcDateTime;
        using var session = _f.Db.Open();
        return session.InTransaction(tx =>
        {
            Dapper.SqlMapper.Execute(session.Connection, """
                INSERT INTO detection_candidates (rule_id, window_start, window_end, user_arn, user_arns, account_id, model_id,
                    inference_call_count, event_actions, source_ips, user_agents, identity_types, access_key_ids, regions,
                    source_as_orgs, first_seen, last_seen)
                VALUES ($rule, $end - INTERVAL 1 HOUR, $end, $arn, CASE WHEN len($principals) > 0 THEN $principals END, $account, $model, 500, ['InvokeModel'], $ips, $agents,
                    ['AssumedRole'], ['ASIAEXAMPLE'], ['us-east-1'], [], $end - INTERVAL 1 HOUR, $end)
                """, new
            {
                rule = _f.Rule.Id, end, arn = principals is null ? DetectionFixture.Arn : null, account, model = DetectionFixture.Model,
                principals = Core.Storage.ListParameter.Of(principals ?? []),
                ips = Core.Storage.ListParameter.Of(sourceIps), agents = Core.Storage.ListParameter.Of(userAgents),
            }, tx);
            Assert.True(ExceptionStore.Apply(session.Connection, _f.Rule.Id, end, end, tx));
            return Dapper.SqlMapper.ExecuteScalar<long?>(session.Connection, "SELECT exception_id FROM detection_candidates", transaction: tx) is not null;
        });
    }

    [Fact]
    public void Detect_KnownAddressAmongUnknownOnes_StillAlerts()
    {
        // Half the calls come from a second address: allowing the known one must not hide the other.
        var events = _f.Burst(250, T("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50));
        events.AddRange(_f.Burst(250, T("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50), e => e["sourceIPAddress"] = "203.0.113.9"));
        _f.Ingest(events);
        _f.AddException("source_ip", "in-cidr", ["198.51.100.0/24"]);

        var run = _f.Detect(null, "2026-03-02T03:00:00Z");

        Assert.Single(_f.Alerts());
        Assert.Equal(2, run.Candidates);
        Assert.Equal(0, _f.Db.Scalar<long>("SELECT count(exception_id) FROM detection_candidates"));
    }

    [Theory]
    [InlineData("2026-03-02T01:50:00Z", "2026-03-02T01:50:00Z", 1)] // expires at the first window's end: not before it
    [InlineData("2026-03-02T02:00:00Z", "2026-03-02T02:00:00Z", 0)] // the 01:50 window is excepted, 02:00 opens an alert
    [InlineData("2026-03-02T02:00:01Z", null, 0)]
    public void Detect_ExceptionExpiry_AppliesToWindowsEndingBeforeIt(string expires, string? opening, long suppressed)
    {
        // Windows ending 01:50 and 02:00 both count the 500 calls.
        _f.Ingest(_f.Burst(500, T("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50)));
        _f.AddException("user_arn", "is", [DetectionFixture.Arn], T(expires));

        _f.Detect(null, "2026-03-02T03:00:00Z");

        var alerts = _f.Alerts();
        if (opening is null)
        {
            Assert.Empty(alerts);
            return;
        }
        var alert = Assert.Single(alerts);
        Assert.Equal(T(opening).UtcDateTime, alert.WindowEnd);
        // An excepted window neither opens the alert nor folds into it.
        Assert.Equal(suppressed, alert.SuppressedCount);
    }

    public void Dispose() => _f.Dispose();
}
