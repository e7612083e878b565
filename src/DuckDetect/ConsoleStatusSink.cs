using DuckDetect.Core;

namespace DuckDetect;

/// <summary>Writes logs and progress to stderr; progress only when stderr is a terminal, so cron stays quiet.</summary>
public sealed class ConsoleStatusSink(bool quiet) : IStatusSink
{
    private readonly bool _terminal = !Console.IsErrorRedirected;
    private readonly Lock _gate = new();
    private bool _progressShown;
    private DateTime _lastProgress = DateTime.MinValue;

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
        if (!_terminal || quiet)
        {
            return;
        }
        lock (_gate)
        {
            var now = DateTime.UtcNow;
            if (done < total && now - _lastProgress < TimeSpan.FromMilliseconds(200))
            {
                return;
            }
            _lastProgress = now;
            var percent = total == 0 ? 100 : done * 100 / total;
            Console.Error.Write($"\r{operation}: {done:N0}/{total:N0} ({percent}%) {detail}\u001b[K");
            _progressShown = done < total;
            if (!_progressShown)
            {
                Console.Error.WriteLine();
            }
        }
    }

    private void Write(string message)
    {
        lock (_gate)
        {
            if (_progressShown)
            {
                Console.Error.WriteLine();
                _progressShown = false;
            }
            Console.Error.WriteLine(message);
        }
    }
}
