using Microsoft.Win32.SafeHandles;

namespace DuckDetect;

/// <summary>
/// stdout as a stream that reports a failed write. .NET's Console drops writes to a closed pipe without a word,
/// which would let a consumer's cursor move past records nobody received; file descriptor 1 opened as a file
/// stream raises the error instead.
/// </summary>
internal static class StandardOutput
{
    public static Stream Open()
    {
        Console.Out.Flush();
        return new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
    }
}
