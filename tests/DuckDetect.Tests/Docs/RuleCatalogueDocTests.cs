using DuckDetect.Core.Rules;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Docs;

/// <summary>
/// The catalogue table of docs/rules.md (between the <c>&lt;!-- catalogue --&gt;</c> markers) is what
/// <c>duckdetect rules --format markdown</c> prints for the rules compiled in, so the documentation names every rule.
/// </summary>
public sealed class RuleCatalogueDocTests
{
    private const string Marker = "<!-- catalogue -->";

    [Fact]
    public void RulesDoc_CatalogueTable_EqualsTheRulesCompiledIn()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "rules.md")).ReplaceLineEndings("\n");
        var start = text.IndexOf(Marker, StringComparison.Ordinal);
        var end = text.IndexOf(Marker, start + Marker.Length, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"docs/rules.md has no table between two '{Marker}' lines");

        var documented = text[(start + Marker.Length)..end].Trim('\n');
        var generated = CatalogueTable.Markdown(RuleCatalog.All).ReplaceLineEndings("\n").Trim('\n');

        Assert.Equal(generated, documented);
    }

}
