using Cocona.Filters;
using DuckDetect.Core;

namespace DuckDetect;

/// <summary>Turns expected failures into one line on stderr and a documented exit code; no stack trace.</summary>
public sealed class ErrorFilter : CommandFilterAttribute
{
    public override async ValueTask<int> OnCommandExecutionAsync(CoconaCommandExecutingContext ctx, CommandExecutionDelegate next)
    {
        try
        {
            return await next(ctx);
        }
        catch (DuckDetectException ex)
        {
            await Console.Error.WriteLineAsync($"duckdetect: {ex.Message}");
            return ExitCodes.For(ex.Kind);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && Environment.GetEnvironmentVariable("DUCKDETECT_DEBUG") is null)
        {
            await Console.Error.WriteLineAsync(
                $"duckdetect: unexpected error: {ex.GetType().Name}: {ex.Message.Split('\n')[0]} (set DUCKDETECT_DEBUG=1 for the stack trace)");
            return ExitCodes.Crash;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("duckdetect: interrupted; what was committed stays, the next run does the rest");
            return ExitCodes.Interrupted;
        }
    }
}
