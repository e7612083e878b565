namespace DuckDetect;

/// <summary>What the count of each long operation counts, for the rate column ("files/s").</summary>
internal static class ProgressUnits
{
    public static string For(string operation) => operation switch
    {
        "ingest" => "files",
        "ingest s3" => "objects",
        "detect" => "windows",
        "generate" => "days",
        _ => "steps",
    };
}
