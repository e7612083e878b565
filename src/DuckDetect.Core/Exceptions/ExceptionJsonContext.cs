using System.Text.Json.Serialization;

namespace DuckDetect.Core.Exceptions;

[JsonSerializable(typeof(string[]))]
internal sealed partial class ExceptionJsonContext : JsonSerializerContext;
