using System.Text;
using DuckDetect.Tests.Support;
using static DuckDetect.Tests.Ingest.Invocations.InvocationKit;

namespace DuckDetect.Tests.Ingest.Invocations;

/// <summary>
/// Prompt and response text is not stored: without --keep-text no table of the job's database or of the analyst
/// database holds a planted phrase; with it, only bedrock_invocation_texts does, credentials masked, and never the
/// analyst database. Runs the real program (ingest, then its publish).
/// </summary>
public sealed class InvocationPrivacyTests : IDisposable
{
    private const string PromptPhrase = "Zanzibar Quokka Ledger";
    private const string OutputPhrase = "Marmalade Tangent Seventeen";
    private const string AccessKey = "AKIAZZZZEXAMPLE12345";

    private readonly TempDatabase _db = new();

    public InvocationPrivacyTests() =>
        _db.WriteGzipInput("AWSLogs/111122223333/BedrockModelInvocationLogs/us-east-1/2024/05/02/08/p.json.gz", Lines(
            Converse("p-1", $"Earlier question. Please look up {PromptPhrase} with key {AccessKey}", $"{OutputPhrase}: found it"),
            FixtureText.TrimEnd()));

    private string Published => Path.Combine(_db.Folder, "test.alerts.duckdb");

    public void Dispose() => _db.Dispose();

    [Fact]
    public void WithoutKeepText_NoTableOfEitherDatabaseHoldsPromptOrResponseText()
    {
        var result = Support.Cli.Run("ingest", _db.InputFolder, "--db", _db.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("14 Bedrock invocation record(s) read, 14 new, 0 skipped", result.Stderr, StringComparison.Ordinal);
        foreach (var database in new[] { _db.Path, Published })
        {
            foreach (var secret in new[] { PromptPhrase, OutputPhrase, AccessKey, "purple elephant", "Guten Morgen" })
            {
                Assert.Empty(TablesContaining(database, secret));
                // The file's bytes too (DuckDB compresses strings, so this alone would prove little; the tables above do).
                Assert.True(File.ReadAllBytes(database).AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, $"{secret} in {database}");
                Assert.False(File.Exists(database + ".wal"));
            }
        }
        Assert.Equal(0, _db.Scalar<long>("SELECT count(*) FROM bedrock_invocation_texts"));
        Assert.Equal(14, Count(_db));
    }

    [Fact]
    public void KeepText_KeepsRedactedTextsInTheirOwnTable_NeverPublished()
    {
        var result = Support.Cli.Run("ingest", _db.InputFolder, "--db", _db.Path, "--keep-text");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["bedrock_invocation_texts"], TablesContaining(_db.Path, PromptPhrase));
        Assert.Equal(["bedrock_invocation_texts"], TablesContaining(_db.Path, OutputPhrase));
        Assert.Empty(TablesContaining(_db.Path, AccessKey));
        Assert.Empty(TablesContaining(_db.Path, "AKIAIOSFODNN7EXAMPLE"));
        Assert.Equal(
            $"Earlier question. Please look up {PromptPhrase} with key [REDACTED]",
            _db.Scalar<string>("SELECT prompt_text FROM bedrock_invocation_texts WHERE request_id = 'p-1'"));
        Assert.Equal(
            "Why does this fail? aws_access_key_id=[REDACTED] and [REDACTED]",
            _db.Scalar<string>("SELECT prompt_text FROM bedrock_invocation_texts WHERE request_id = $id", new { id = RequestId(12) }));
        // Texts of every invocation that has one (not the unknown body nor the separately delivered one).
        Assert.Equal(12, _db.Scalar<long>("SELECT count(*) FROM bedrock_invocation_texts"));
        foreach (var secret in new[] { PromptPhrase, OutputPhrase, "purple elephant" })
        {
            Assert.Empty(TablesContaining(Published, secret));
        }
    }
}
