using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace DuckDetect.Core.Generate;

/// <summary>
/// The manifest's JSON code, generated at build time (snake_case names, indented): a natively compiled tool has no
/// reflection-based serializer.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(GenerateManifest))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(List<ExpectedAlert>))]
[JsonSerializable(typeof(Dictionary<string, long>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class GenerateJsonContext : JsonSerializerContext
{
    /// <summary>The generated code for <typeparamref name="T"/> (one of the types above).</summary>
    public static JsonTypeInfo<T> For<T>() =>
        (JsonTypeInfo<T>?)Default.GetTypeInfo(typeof(T))
        ?? throw new InvalidOperationException($"{typeof(T)} is not in {nameof(GenerateJsonContext)}");
}
