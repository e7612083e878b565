using System.Text.RegularExpressions;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Cli;

/// <summary>
/// Every command's --help reads cleanly: the commands are found from the help itself (a new command is covered
/// without a change here), and each help is checked for what Cocona got wrong: list options' defaults printed as a
/// type name, defaults said twice, two "Usage:" lines, a group described as the application.
/// </summary>
public sealed partial class HelpTests
{
    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        foreach (var command in CommandsOf([]))
        {
            data.Add(command);
        }
        return data;
    }

    [Fact]
    public void Help_ListsEveryCommandFoundBelow() =>
        Assert.True(CommandsOf([]).Count() >= 20, string.Join(", ", CommandsOf([])));

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_OfEveryCommand_ReadsCleanly(string command)
    {
        var help = HelpOf(command.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.DoesNotContain("System.", help, StringComparison.Ordinal);
        Assert.DoesNotContain("(Default:", help, StringComparison.Ordinal);
        Assert.Single(help.Split('\n'), l => l.StartsWith("Usage:", StringComparison.Ordinal));
        var description = help.Split('\n').SkipWhile(l => l.Length > 0).First(l => l.Length > 0);
        Assert.True(description.Length > 0 && (command.Length == 0 || !description.StartsWith("Turns AWS CloudTrail logs", StringComparison.Ordinal)),
            $"{command}: the description is '{description}'");
        foreach (var line in Section(help, "Options:").Concat(Section(help, "Arguments:")).Concat(Section(help, "Commands:")))
        {
            var item = ListItem().Match(line);
            Assert.True(item.Success, $"{command}: '{line}' has no description");
            Assert.True(DefaultWord().Matches(item.Groups["description"].Value).Count <= 1, $"{command}: '{line}' says its default twice");
        }
    }

    /// <summary>Every command path below <paramref name="parent"/>: the commands its help lists, and theirs.</summary>
    private static IEnumerable<string> CommandsOf(string[] parent)
    {
        if (parent.Length > 0)
        {
            yield return string.Join(' ', parent);
        }
        else
        {
            yield return "";
        }
        foreach (var line in Section(HelpOf(parent), "Commands:"))
        {
            var name = line.Trim().Split(' ', 2)[0];
            foreach (var command in CommandsOf([.. parent, name]))
            {
                yield return command;
            }
        }
    }

    private static string HelpOf(string[] command)
    {
        var result = Support.Cli.Run([.. command, "--help"]);
        Assert.True(result.ExitCode == 129 && result.Stderr.Length == 0, result.ToString());
        return result.Stdout.Replace("\r", "", StringComparison.Ordinal);
    }

    /// <summary>The indented lines under a heading, up to the next blank line.</summary>
    private static IEnumerable<string> Section(string help, string heading) =>
        help.Split('\n').SkipWhile(l => l != heading).Skip(1).TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal));

    [GeneratedRegex(@"^  \S.*?\S {2,}(?<description>\S.*)$")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"\bdefault\b", RegexOptions.IgnoreCase)]
    private static partial Regex DefaultWord();
}
