using System.Text.Json.Serialization;

namespace DuckDetect.Core.Rules;

/// <summary>
/// Rule definitions are read with serialization code generated at build time rather than by reflection at every
/// start of the program (which a trimmed build cannot do safely either).
/// </summary>
[JsonSerializable(typeof(RuleDefinition))]
internal sealed partial class RuleJsonContext : JsonSerializerContext;
