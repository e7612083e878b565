using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Rules;

/// <summary>
/// A rule's SQL (its query, counted events or hourly state) with the stages the Bedrock rules share filled in:
/// <c>{{name}}</c> is the text of <c>sql/rules/shared/name.sql</c> (the calls they count, the model id, the context
/// lists), so that each rule's file holds what is its own.
/// </summary>
public static class RuleText
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Shared = new(Load);

    /// <summary>The text of <c>sql/{name}</c> with the shared stages filled in.</summary>
    public static string Get(string name) => SqlText.Fill(SqlScripts.Get(name), Shared.Value);

    /// <summary>The shared stages by name, each with the stages it names filled in (one level deep).</summary>
    private static Dictionary<string, string> Load()
    {
        var raw = SqlScripts.List("rules/shared").ToDictionary(
            n => Path.GetFileNameWithoutExtension(n), n => SqlScripts.Get(n).TrimEnd(), StringComparer.Ordinal);
        return raw.ToDictionary(
            e => e.Key,
            e => raw.Aggregate(e.Value, (text, inner) => text.Replace("{{" + inner.Key + "}}", inner.Value, StringComparison.Ordinal)),
            StringComparer.Ordinal);
    }
}
