using System.Text.Json;
using System.Text.Json.Serialization;

namespace DuckDetect.Tests.Detection;

/// <summary>Serialises as JSON null (a dictionary value of null means "remove the field" in CloudTrailJson).</summary>
[JsonConverter(typeof(NullMarkerConverter))]
public sealed class NullMarker;

public sealed class NullMarkerConverter : JsonConverter<NullMarker>
{
    public override NullMarker? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => null;

    public override void Write(Utf8JsonWriter writer, NullMarker value, JsonSerializerOptions options) => writer.WriteNullValue();
}
