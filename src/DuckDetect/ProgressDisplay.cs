using Spectre.Console;

namespace DuckDetect;

/// <summary>
/// One live progress bar on the terminal (Spectre.Console): description, bar, percent, count, rate, time left.
/// The engine reports progress from its own thread whenever it finishes a step, so the bar is drawn by a thread of
/// its own that Spectre refreshes ten times a second; <see cref="Dispose"/> draws the last frame and ends it.
/// </summary>
internal sealed class ProgressDisplay : IDisposable
{
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _drawing;
    private readonly ProgressTask _task;

    private ProgressDisplay(IAnsiConsole console, string operation, long total)
    {
        Operation = operation;
        var started = new TaskCompletionSource<ProgressTask>(TaskCreationOptions.RunContinuationsAsynchronously);
        _drawing = Task.Run(() => console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new CountColumn(),
                new RateColumn(ProgressUnits.For(operation)),
                new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                started.SetResult(context.AddTask(Markup.Escape(operation), maxValue: Math.Max(total, 1)));
                await _finished.Task.ConfigureAwait(false);
                context.Refresh();
            }));
        // Spectre refuses to start (another live display on the same console, say): report it instead of waiting.
        _ = _drawing.ContinueWith(t => started.TrySetException(t.Exception!.InnerExceptions), CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        _task = started.Task.GetAwaiter().GetResult();
    }

    public string Operation { get; }

    public static ProgressDisplay Start(IAnsiConsole console, string operation, long total) => new(console, operation, total);

    public void Update(long done, long total, string detail)
    {
        _task.MaxValue = Math.Max(total, 1);
        _task.Value = Math.Min(done, total);
        _task.Description = Markup.Escape(detail.Length == 0 ? Operation : $"{Operation}: {detail}");
    }

    public void Dispose()
    {
        _finished.TrySetResult();
        // The last frame is drawn; a failure to draw it is no reason to fail the command that reported progress.
        _drawing.ContinueWith(_ => { }, TaskScheduler.Default).Wait();
    }
}
