namespace DuckDetect.Core.Generate;

/// <summary>The folder <c>generate</c> writes into: created when missing, refused when it already holds generated data.</summary>
internal static class OutputFolder
{
    public static void Prepare(string folder)
    {
        if (File.Exists(folder))
        {
            throw new DuckDetectException(FailureKind.InvalidArguments, $"--out {folder} is a file, not a folder");
        }
        if (Directory.Exists(Path.Combine(folder, "AWSLogs")) || File.Exists(Path.Combine(folder, GenerateManifest.FileName)))
        {
            throw new DuckDetectException(FailureKind.InvalidArguments,
                $"--out {folder} already holds generated data (AWSLogs/ or {GenerateManifest.FileName}); choose a new folder or delete it");
        }
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments, $"--out {folder} cannot be created: {ex.Message}", ex);
        }
    }
}
