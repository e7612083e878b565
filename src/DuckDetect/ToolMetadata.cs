using Cocona.Application;

namespace DuckDetect;

/// <summary>
/// What help and errors call the program: always <c>duckdetect</c>, however it was started (Cocona's default takes
/// the process name, which is <c>dotnet</c> under <c>dotnet run</c> or <c>dotnet duckdetect.dll</c>).
/// </summary>
public sealed class ToolMetadata : ICoconaApplicationMetadataProvider
{
    public const string CommandName = "duckdetect";

    public string GetExecutableName() => CommandName;

    public string GetProductName() => CommandName;

    public string GetVersion() => VersionReport.DuckDetectVersion;

    public string GetDescription() => "Turns AWS CloudTrail logs into security alerts, with DuckDB as its engine.";
}
