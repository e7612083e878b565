using System.Text.Json.Serialization;

namespace DuckDetect.Core.Destinations;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DestinationSettings))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class DestinationJsonContext : JsonSerializerContext;
