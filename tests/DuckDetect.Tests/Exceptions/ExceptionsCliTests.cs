using Dapper;
using DuckDetect.Core.Storage;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Exceptions;

/// <summary>The quickstart sample run up to the end of its day (so that re-evaluating it from the start is quick).</summary>
public sealed class QuickstartDayRun : IDisposable
{
    public QuickstartDayRun()
    {
        Result = Support.Cli.Run("run", Path.Combine(RepoPaths.Data, "cloudtrail"), "--db", Database.Path, "--to", "2026-03-03", "--no-publish", "-q");
    }

    public TempDatabase Database { get; } = new();

    public CliResult Result { get; }

    public void Dispose() => Database.Dispose();
}

/// <summary>exceptions add|list|remove and triage on the quickstart sample, and their bad input.</summary>
public sealed class ExceptionsCliTests(QuickstartDayRun quickstart) : IClassFixture<QuickstartDayRun>, IDisposable
{
    private const string SeedRule = "56312ef5-656c-4bf7-ad9a-affed052b102";
    private const string RagRole = "arn:aws:sts::*:assumed-role/rag-service-task-role/*";

    private readonly TempDatabase _db = Copy(quickstart);

    private static TempDatabase Copy(QuickstartDayRun run)
    {
        Assert.True(run.Result.ExitCode == 0, run.Result.ToString());
        var db = new TempDatabase();
        File.Copy(run.Database.Path, db.Path);
        return db;
    }

    private CliResult Run(params string[] args) => Support.Cli.Run([.. args, "--db", _db.Path]);

    private List<(string Id, string Arn)> SeedAlerts() =>
        _db.Query<(string, string)>("SELECT alert_id, user_arn FROM alerts WHERE rule_id = $rule ORDER BY alert_id", new { rule = SeedRule });

    [Fact]
    public void ExceptionsAdd_OnTheRagRoleFromTheStart_RetractsExactlyTheRagAlertsWithTheirReason()
    {
        var before = SeedAlerts();
        var rag = before.Where(a => a.Arn.Contains(":assumed-role/rag-service-task-role/", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, rag.Count);

        var added = Run("exceptions", "add", "--rule", SeedRule, "--field", "user_arn", "--operator", "matches", "--value", RagRole,
            "--reason", "RAG service: expected volume", "--by", "alice", "--reevaluate-from", "2026-03-01");

        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.Equal("1", added.Stdout.Trim());
        Assert.Contains("3 retracted", added.Stderr, StringComparison.Ordinal);
        Assert.Equal(before.Except(rag), SeedAlerts());
        var retracted = _db.Query<(string, string)>("SELECT alert_id, retraction_reason FROM retracted_alerts ORDER BY alert_id");
        Assert.Equal(rag.Select(a => a.Id), retracted.Select(r => r.Item1));
        Assert.All(retracted, r => Assert.Equal($"exception 1 (user_arn matches {RagRole}): RAG service: expected volume", r.Item2));
        // Published: the exception, and the retractions with it.
        using var published = DuckDbSession.OpenAnalystDatabase(Path.ChangeExtension(_db.Path, null) + ".alerts.duckdb");
        Assert.Equal("alice", published.Connection.ExecuteScalar<string>("SELECT created_by FROM rule_exceptions"));
        Assert.Equal(3L, published.Connection.ExecuteScalar<long>("SELECT count(*) FROM alert_status WHERE state = 'retracted'"));
    }

    [Fact]
    public void Triage_AcrossARetractionAndReturn_KeepsTheAlertsTriage()
    {
        var rag = SeedAlerts().First(a => a.Arn.Contains("rag-service", StringComparison.Ordinal)).Id;
        Assert.Equal(0, Run("triage", rag, "--status", "acknowledged", "--by", "bob").ExitCode);
        Assert.Equal(0, Run("triage", rag, "--status", "closed", "--reason", "benign", "--note", "the RAG API", "--by", "bob").ExitCode);

        Assert.Equal(0, Run("exceptions", "add", "--rule", SeedRule, "--field", "user_arn", "--operator", "matches", "--value", RagRole,
            "--reason", "RAG", "--reevaluate-from", "2026-03-01").ExitCode);
        var whileRetracted = Published("SELECT state || ' ' || triage_status || ' ' || triage_reason FROM alert_status WHERE alert_id = $id", rag);
        Assert.Equal(0, Run("exceptions", "remove", "1", "--reason", "RAG moved", "--reevaluate-from", "2026-03-01").ExitCode);
        var closed = Run("alerts", "--status", "closed", "--format", "csv");

        Assert.Equal("retracted closed benign", whileRetracted);
        Assert.Contains(rag, closed.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, closed.Stdout.Trim().Split('\n').Length);
        var history = _db.Query<string>("SELECT status_from || '>' || status_to || ' ' || changed_by FROM alert_triage ORDER BY triage_seq");
        Assert.Equal(["open>acknowledged bob", "acknowledged>closed bob"], history);
        Assert.Equal(1L, _db.Scalar<long>("SELECT count(*) FROM alerts WHERE alert_id = $id", new { id = rag }));
    }

    [Fact]
    public void WhatIf_WithAndWithoutAnException_ShowsWhatItWouldChangeBeforeItIsMade()
    {
        var whatIf = Path.Combine(_db.Folder, "what-if.duckdb");
        List<string> WhatIfArns(params string[] options)
        {
            var result = Run(["detect", "--rule", SeedRule, "--what-if", whatIf, "--to", "2026-03-03", "-q", .. options]);
            Assert.True(result.ExitCode == 0, result.ToString());
            using var session = DuckDbSession.Open(whatIf);
            return session.Connection.Query<string>("SELECT user_arn FROM alerts ORDER BY alert_id").AsList();
        }
        var all = SeedAlerts().Select(a => a.Arn).ToList();

        var withRag = WhatIfArns("--with-exception", "user_arn:matches=" + RagRole);
        Assert.Equal(0, Run("exceptions", "add", "--rule", SeedRule, "--field", "user_arn", "--operator", "matches", "--value", RagRole,
            "--reason", "RAG", "--reevaluate-from", "2026-03-01").ExitCode);
        var withoutIt = WhatIfArns("--without-exception", "1");
        var asProduction = WhatIfArns();

        Assert.Equal(all.Count - 3, withRag.Count);
        Assert.DoesNotContain(withRag, a => a.Contains("rag-service", StringComparison.Ordinal));
        Assert.Equal(all.Order(), withoutIt.Order());
        Assert.Equal(SeedAlerts().Select(a => a.Arn), asProduction);
    }

    [Theory]
    [InlineData("triage", "no-such-alert", "--status", "closed")]
    [InlineData("triage", "{alert}", "no-such-alert", "--status", "closed")]
    [InlineData("triage", "{alert}", "--status", "done")]
    [InlineData("triage", "{alert}", "--status", "closed", "--reason", "boring")]
    [InlineData("triage", "{alert}", "--status", "closed", "--by", " ")]
    [InlineData("triage", "{alert}", "--status", "closed", "--note", "")]
    [InlineData("exceptions", "add", "--field", "user_name", "--operator", "is", "--value", "x", "--reason", "r")]
    [InlineData("exceptions", "add", "--field", "user_arn", "--operator", "like", "--value", "x", "--reason", "r")]
    [InlineData("exceptions", "add", "--field", "user_arn", "--operator", "is", "--value", "", "--reason", "r")]
    [InlineData("exceptions", "add", "--field", "user_arn", "--operator", "matches", "--value", "arn:[abc", "--reason", "r")]
    [InlineData("exceptions", "add", "--field", "source_ip", "--operator", "in-cidr", "--value", "10.0.0.0/33", "--reason", "r")]
    [InlineData("exceptions", "add", "--field", "source_ip", "--operator", "in-cidr", "--value", "10.0.0.1/8", "--reason", "r")]
    [InlineData("exceptions", "add", "--field", "source_ip", "--operator", "in-cidr", "--value", "bedrock.amazonaws.com", "--reason", "r")]
    [InlineData("exceptions", "add", "--field", "user_arn", "--operator", "in-cidr", "--value", "10.0.0.0/8", "--reason", "r")]
    [InlineData("exceptions", "add", "--field", "user_arn", "--operator", "is", "--value", "x", "--reason", " ")]
    [InlineData("exceptions", "add", "--field", "user_arn", "--operator", "is", "--value", "x", "--reason", "r", "--expires", "soon")]
    [InlineData("exceptions", "add", "--field", "user_arn", "--operator", "is", "--value", "x", "--reason", "r", "--reevaluate-from", "then")]
    [InlineData("exceptions", "add", "--field", "user_arn", "--operator", "is", "--value", "x", "--reason", "r", "--rule", "no-such-rule")]
    [InlineData("exceptions", "add", "--field", "user_arn", "--operator", "is", "--value", "x", "--reason", "r", "--by", "")]
    [InlineData("exceptions", "remove", "7")]
    [InlineData("exceptions", "list", "--format", "xml")]
    [InlineData("detect", "--with-exception", "user_arn=x")]
    [InlineData("detect", "--what-if", "{whatif}", "--with-exception", "user_arn")]
    [InlineData("detect", "--what-if", "{whatif}", "--with-exception", "source_ip:in-cidr=10.0.0.0/40")]
    [InlineData("detect", "--what-if", "{whatif}", "--without-exception", "7")]
    [InlineData("alerts", "--status", "done")]
    public void BadInput_ExitsInvalidArgumentsAndStoresNothing(params string[] args)
    {
        var alert = SeedAlerts()[0].Id;
        var before = Fingerprint();
        var filled = args.Select(a => a.Replace("{alert}", alert, StringComparison.Ordinal)
            .Replace("{whatif}", Path.Combine(_db.Folder, "what-if.duckdb"), StringComparison.Ordinal)).ToArray();
        if (filled[0] == "exceptions" && filled[1] == "add" && !filled.Contains("--rule"))
        {
            filled = [.. filled, "--rule", SeedRule];
        }

        var result = Run(filled);

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.StartsWith("duckdetect: ", result.Stderr.Trim().Split('\n')[^1], StringComparison.Ordinal);
        Assert.Equal(before, Fingerprint());
    }

    private string Fingerprint() =>
        string.Join('|', _db.Query<long>("SELECT count(*) FROM alert_triage UNION ALL SELECT count(*) FROM rule_exceptions UNION ALL SELECT count(*) FROM alerts UNION ALL SELECT count(*) FROM retracted_alerts"));

    private string Published(string sql, string id)
    {
        using var published = DuckDbSession.OpenAnalystDatabase(Path.ChangeExtension(_db.Path, null) + ".alerts.duckdb");
        return published.Connection.ExecuteScalar<string>(sql, new { id })!;
    }

    public void Dispose() => _db.Dispose();
}
