using System.Globalization;
using System.Text;

namespace DuckDetect.Core.Rules;

/// <summary>
/// The rule catalogue as a Markdown table, made from the definitions (<c>duckdetect rules --format markdown</c>):
/// docs/rules.md holds it, and a test checks that it matches the rules compiled in.
/// </summary>
public static class CatalogueTable
{
    public static string Markdown(IEnumerable<RuleDefinition> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var sb = new StringBuilder();
        sb.AppendLine("| rule | type | id | severity, risk | what it catches | settings |");
        sb.AppendLine("|---|---|---|---|---|---|");
        foreach (var rule in rules)
        {
            var origin = (rule.Author ?? []).Contains("Elastic") ? "Elastic's" : "DuckDetect's";
            var settings = string.Join(", ", rule.Settings.Names.Select(n => string.Create(CultureInfo.InvariantCulture, $"`{n}` {rule.Settings.Get(n)}")));
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {Cell(rule.Name)} | {TypeText(rule)} | `{rule.Id}` ({origin}) | {rule.Severity}, {rule.RiskScore} | {Cell(rule.Summary ?? rule.Description)} | {settings} |"));
        }
        return sb.ToString();
    }

    /// <summary>The rule's type, and for a rule over invocation logs or one that reads their delivery, that too.</summary>
    private static string TypeText(RuleDefinition rule) =>
        Kind(rule) + (rule.ReadsFrom == RuleSource.Invocations ? ", invocation logs" : rule.InvocationLogging is not null ? ", CloudTrail and invocation log delivery" : "");

    private static string Kind(RuleDefinition rule) => rule.Type switch
    {
        "threshold" => "threshold (tally)",
        "new_terms" => $"new terms ({string.Join(", ", rule.NewTerms!.Fields)})",
        "sequence" => $"sequence (by {rule.Sequence!.By})",
        "match" when rule.Distinct is { } d => $"match (distinct {string.Join(" or ", d.Fields)})",
        _ => rule.Type,
    };

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
