using System.Text.RegularExpressions;
using Cocona;
using Cocona.Command.Binder;
using Cocona.Filters;
using DuckDetect.Core;
using DuckDetect.Core.Storage;

namespace DuckDetect;

/// <summary>Turns expected failures into one line on stderr and a documented exit code; no stack trace.</summary>
public sealed class ErrorFilter : CommandFilterAttribute
{
    public override async ValueTask<int> OnCommandExecutionAsync(CoconaCommandExecutingContext ctx, CommandExecutionDelegate next)
    {
        StepTrace.Mark("command starts");
        try
        {
            return await next(ctx);
        }
        catch (DuckDetectException ex)
        {
            await Console.Error.WriteLineAsync($"duckdetect: {ex.Message}");
            return ExitCodes.For(ex.Kind);
        }
        catch (ParameterBinderException ex)
        {
            // Cocona binds parameters inside the filter; its own handler would print a terse line and exit 1.
            var (code, message) = Describe(ex);
            await Console.Error.WriteLineAsync($"duckdetect: {message}");
            return code;
        }
        catch (Exception ex) when (ex is not DuckDetectException && StorageFailure.IsDiskFull(ex))
        {
            // Wherever it struck (a detect's commit, a checkpoint, a publish): the disk, not the data.
            await Console.Error.WriteLineAsync($"duckdetect: {StorageFailure.DiskFull(ex, null).Message}");
            return ExitCodes.DiskFull;
        }
        catch (CommandExitedException)
        {
            // Cocona's way to exit with a code: its outer middleware prints the message and returns the code.
            throw;
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

    /// <summary>A missing argument or option is a usage error (129); a value Cocona cannot convert is an invalid value (64).</summary>
    private static (int Code, string Message) Describe(ParameterBinderException ex) => ex.Result switch
    {
        ParameterBinderResult.InsufficientArgument =>
            (ExitCodes.Usage, $"missing argument {ex.Argument?.Name.ToUpperInvariant()}; see --help for usage"),
        ParameterBinderResult.InsufficientOption =>
            (ExitCodes.Usage, $"missing option --{ex.Option?.Name}; see --help for usage"),
        ParameterBinderResult.InsufficientOptionValue =>
            (ExitCodes.Usage, $"option --{ex.Option?.Name} needs a value; see --help for usage"),
        _ => (ExitCodes.InvalidArguments,
            ex.Option is { } option && Regex.Match(ex.Message, @"value\. '(?<value>.*)' cannot be converted to ") is { Success: true } m
                ? $"--{option.Name} '{m.Groups["value"].Value}' is not {TypeName(option.OptionType)}"
                : ex.Message.Split('\n')[0]),
    };

    private static string TypeName(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(int) || t == typeof(long) => "a whole number",
        var t when t == typeof(double) => "a number",
        var t => "a " + t.Name,
    };
}
