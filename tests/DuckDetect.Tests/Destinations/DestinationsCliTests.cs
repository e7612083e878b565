using System.Text.Json.Nodes;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Destinations;

/// <summary>destinations add|list|remove|enable|disable: configurations kept as history, each type's options checked.</summary>
public sealed class DestinationsCliTests : IDisposable
{
    private readonly DestinationScenario _s = new();

    private CliResult Hook(string name, params string[] extra) =>
        _s.Add(name, ["--type", "webhook", "--url", "https://hooks.example.com/in", "--signing-key-env", "HOOK_KEY", .. extra]);

    private JsonArray List(params string[] extra) =>
        JsonNode.Parse(_s.Cli(["destinations", "list", "--db", _s.Db.Path, "--format", "json", .. extra]).Stdout)!.AsArray();

    [Fact]
    public void Destination_AddedChangedDisabledRemoved_EveryVersionKept_CursorKeptAcrossChanges()
    {
        _s.Create();
        Assert.Equal(0, _s.Run().ExitCode);

        var added = Hook("hook", "--min-severity", "high", "--by", "ops");
        var again = Hook("hook");
        var existingFirst = _s.Cursor("hook");
        var replaced = Hook("hook", "--replace", "--rule", SeedRule.Id, "--changes", "created", "--reason", "only new alerts");
        var disabled = _s.Cli("destinations", "disable", "hook", "--db", _s.Db.Path);
        var listed = List();
        var removed = _s.Cli("destinations", "remove", "hook", "--db", _s.Db.Path, "--reason", "moved to slack");
        var history = List("--all");
        var readded = Hook("hook", "--send-existing");

        Assert.Equal([0, 64, 0, 0, 0, 0], new[] { added, again, replaced, disabled, removed, readded }.Select(r => r.ExitCode));
        Assert.Contains("destination hook exists", again.Stderr, StringComparison.Ordinal);
        Assert.Equal(_s.Db.Scalar<long>("SELECT max(change_seq) FROM alert_changes"), existingFirst);
        var current = Assert.Single(listed)!;
        Assert.Equal((false, $"rules {SeedRule.Id}; created", 3), ((bool)current["enabled"]!, (string?)current["sends"], (int)current["version"]!));
        Assert.Equal(["added", "changed", "disabled", "removed"], history.Select(h => (string?)h!["action"]));
        Assert.Equal(("ops", "only new alerts", "moved to slack"), ((string?)history[0]!["changed_by"], (string?)history[1]!["reason"], (string?)history[3]!["reason"]));
        // Added again after its removal: a fresh start, here from before the first change.
        Assert.Equal(0L, _s.Cursor("hook"));
        Assert.Equal(5, (int)Assert.Single(List())!["version"]!);
        // Disabled for a backfill, enabled again passing over what was recorded meanwhile.
        Assert.Equal(0, _s.Cli("destinations", "disable", "hook", "--db", _s.Db.Path).ExitCode);
        Assert.Equal(64, _s.Cli("destinations", "disable", "hook", "--db", _s.Db.Path).ExitCode);
        Assert.Equal(0, _s.Cli("destinations", "enable", "hook", "--skip-pending", "--db", _s.Db.Path).ExitCode);
        Assert.Equal(_s.Db.Scalar<long>("SELECT max(change_seq) FROM alert_changes"), _s.Cursor("hook"));
    }

    [Theory]
    [InlineData("slack takes no index", "--type", "slack", "--url-env", "X", "--index", "a")]
    [InlineData("webhook needs a key", "--type", "webhook", "--url", "https://h.example.com/")]
    [InlineData("a key's value is no name", "--type", "webhook", "--url", "https://h.example.com/", "--signing-key-env", "whsec-abc/def+ghi")]
    [InlineData("a Slack URL on the command line", "--type", "slack", "--url", "https://hooks.slack.com/services/T/B/tok3nValue")]
    [InlineData("a URL with a token in its query", "--type", "elasticsearch", "--url", "https://es.example.com/?tok3nValue", "--index", "a", "--api-key-env", "K")]
    [InlineData("a URL with credentials", "--type", "elasticsearch", "--url", "https://elastic:tok3nValue@es.example.com", "--index", "a", "--api-key-env", "K")]
    [InlineData("an index Elasticsearch refuses", "--type", "elasticsearch", "--url", "https://es.example.com", "--index", "Alerts", "--api-key-env", "K")]
    [InlineData("securityhub needs an account", "--type", "securityhub", "--region", "eu-west-1")]
    [InlineData("an unknown type", "--type", "email")]
    [InlineData("an unknown change", "--type", "pagerduty", "--routing-key-env", "K", "--changes", "created,deleted")]
    public void Add_InvalidOptions_Exit64WithoutEchoingSecrets(string why, params string[] options)
    {
        var result = _s.Add("d", options);

        Assert.True(result.ExitCode == 64, why + "\n" + result);
        Assert.DoesNotContain("tok3nValue", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec-abc", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(0L, _s.Db.Scalar<long>("SELECT count(*) FROM destination_configs"));
    }

    public void Dispose() => _s.Dispose();
}
