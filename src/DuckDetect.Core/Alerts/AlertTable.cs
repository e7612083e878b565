using Spectre.Console;
using Spectre.Console.Rendering;

namespace DuckDetect.Core.Alerts;

/// <summary>
/// The people-facing table of alerts (Spectre.Console). On a terminal: rounded borders, a bold header, as wide as
/// the terminal. Written anywhere else (a pipe, a file, cron mail): a Markdown table with no escape codes and no
/// wrapping, which reads as text and pastes into a ticket.
/// </summary>
public static class AlertTable
{
    /// <summary>
    /// Writes the table: cells of <paramref name="wrapping"/> columns may wrap on a narrow terminal, others never;
    /// <paramref name="numbers"/> columns are aligned to the right.
    /// </summary>
    public static void Write(TextWriter output, IReadOnlyList<string> columns, IReadOnlyList<string[]> rows,
        IReadOnlySet<string> wrapping, IReadOnlySet<string> numbers)
    {
        var terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        using var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(terminal ? output : text),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            // No terminal to fit: as wide as the longest row, never wrapped.
            console.Profile.Width = int.MaxValue / 2;
        }
        var table = new Table { Border = terminal ? TableBorder.Rounded : TableBorder.Markdown };
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(new Text(column, terminal ? new Style(decoration: Decoration.Bold) : Style.Plain))
            {
                NoWrap = !wrapping.Contains(column),
                Alignment = numbers.Contains(column) ? Justify.Right : Justify.Left,
            });
        }
        foreach (var row in rows)
        {
            table.AddRow(row.Select(cell => (IRenderable)new Text(cell)).ToArray());
        }
        console.Write(table);
        if (!terminal)
        {
            // Spectre pads every cell and draws an empty top border line: text gets neither.
            foreach (var line in text.ToString().Split('\n'))
            {
                if (line.TrimEnd() is { Length: > 0 } trimmed)
                {
                    output.WriteLine(trimmed);
                }
            }
        }
    }
}
