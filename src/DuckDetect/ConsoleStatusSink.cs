using DuckDetect.Core;
using Spectre.Console;

namespace DuckDetect;

/// <summary>
/// Writes logs and progress to stderr. Progress is a live bar (count, percent, rate, time left) only when stderr is a
/// terminal; otherwise it is not written at all, so cron mail and log files get the log lines and nothing else.
/// Dispose it when the command ends, so that a bar still drawn is finished before anything else is printed.
/// </summary>
public sealed class ConsoleStatusSink(bool quiet) : IStatusSink, IDisposable
{
    private readonly bool _terminal = !Console.IsErrorRedirected;
    private readonly Lock _gate = new();
    private IAnsiConsole? _console;
    private ProgressDisplay? _display;
    private bool _cannotDraw;

    public void Info(string message)
    {
        if (!quiet)
        {
            Write(message);
        }
    }

    public void Warn(string message) => Write("warning: " + message);

    public void Error(string message) => Write("error: " + message);

    public void Progress(string operation, long done, long total, string detail)
    {
        if (!_terminal || quiet || total <= 0 || _cannotDraw)
        {
            return;
        }
        lock (_gate)
        {
            if (_display is { } shown && shown.Operation != operation)
            {
                EndDisplay();
            }
            try
            {
                _display ??= ProgressDisplay.Start(Terminal(), operation, total);
            }
            catch (InvalidOperationException ex)
            {
                // The bar is a courtesy: without it the command goes on, and says why once.
                _cannotDraw = true;
                Console.Error.WriteLine($"warning: no progress bar: {ex.Message}");
                return;
            }
            _display.Update(done, total, detail);
            if (done >= total)
            {
                EndDisplay();
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            EndDisplay();
        }
    }

    private void Write(string message)
    {
        lock (_gate)
        {
            if (_display is not null)
            {
                // Through Spectre while a bar is live: the line goes above the bar instead of through it.
                Terminal().WriteLine(message);
            }
            else
            {
                Console.Error.WriteLine(message);
            }
        }
    }

    private void EndDisplay()
    {
        _display?.Dispose();
        _display = null;
    }

    private IAnsiConsole Terminal() =>
        _console ??= AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
}
