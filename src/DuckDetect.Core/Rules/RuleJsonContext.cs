using System.Text.Json.Serialization;

namespace DuckDetect.Core.Rules;

/// <summary>
/// Rule definitions are read with serialization code generated at build time: reflection-based reading costs tens of
/// milliseconds at every start of the program.
/// </summary>
[JsonSerializable(typeof(RuleDefinition))]
internal sealed partial class RuleJsonContext : JsonSerializerContext;
