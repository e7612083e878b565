using System.Text.RegularExpressions;
using Cocona.Command;
using Cocona.Help;
using Cocona.Help.DocumentModel;

namespace DuckDetect;

/// <summary>
/// Cocona's help, with each option's default said once and readably. Cocona appends "(Default: X)" to every option
/// whose parameter has a default: for a list it prints the type's name ("System.String[]"), and where the
/// description already says its default ("(default 0)", or one that depends on the environment) it says it twice.
/// So Cocona's default is dropped where the description gives one or where it is a list, and otherwise written in the
/// descriptions' own form, "(default X)".
/// </summary>
internal sealed partial class PlainHelpProvider(ICoconaCommandHelpProvider inner) : ICoconaCommandHelpProvider
{
    public HelpMessage CreateCommandHelp(CommandDescriptor command, IReadOnlyList<CommandDescriptor> subCommandStack) =>
        Clean(inner.CreateCommandHelp(command, subCommandStack));

    /// <summary>
    /// A list of commands. For a group of sub-commands (<c>exceptions</c>) Cocona describes the application instead of the
    /// group, and for a group that is a command itself (<c>rules</c>) it prints two "Usage:" lines: the group's own
    /// description is put back and the second form reads "   or:".
    /// </summary>
    public HelpMessage CreateCommandsIndexHelp(CommandCollection commandCollection, IReadOnlyList<CommandDescriptor> subCommandStack)
    {
        ArgumentNullException.ThrowIfNull(subCommandStack);
        var help = Clean(inner.CreateCommandsIndexHelp(commandCollection, subCommandStack));
        foreach (var section in help.Children.OfType<HelpSection>())
        {
            if (section.Id == HelpSectionId.Usage)
            {
                for (var i = 1; i < section.Children.Count; i++)
                {
                    if (section.Children[i] is HelpUsage usage && usage.Content.StartsWith(UsagePrefix, StringComparison.Ordinal))
                    {
                        section.Children[i] = new HelpUsage("   or: " + usage.Content[UsagePrefix.Length..]);
                    }
                }
            }
            // A group without a command of its own has Cocona's built-in one, which has no description.
            if (section.Id == HelpSectionId.Description && subCommandStack.Count > 0
                && string.IsNullOrEmpty(commandCollection.Primary?.Description)
                && subCommandStack[^1].Description is { Length: > 0 } group)
            {
                section.Children.Clear();
                section.Children.Add(new HelpDescription(group));
            }
        }
        return help;
    }

    private const string UsagePrefix = "Usage: ";

    public HelpMessage CreateVersionHelp() => inner.CreateVersionHelp();

    /// <summary>One option's description with its default said once.</summary>
    internal static string Describe(string description)
    {
        if (CoconaDefault().Match(description) is not { Success: true } match)
        {
            return description;
        }
        var without = description.Remove(match.Index, match.Length);
        var value = match.Groups["value"].Value;
        if (value.StartsWith("System.", StringComparison.Ordinal) || OwnDefault().IsMatch(without))
        {
            return without;
        }
        return $"{without} (default {value})";
    }

    private static HelpMessage Clean(HelpMessage help)
    {
        foreach (var list in Lists(help.Children))
        {
            for (var i = 0; i < list.Items.Count; i++)
            {
                list.Items[i] = new HelpLabelDescriptionListItem(list.Items[i].Label, Describe(list.Items[i].Description));
            }
        }
        return help;
    }

    private static IEnumerable<HelpLabelDescriptionList> Lists(IEnumerable<ICoconaHelpContent> contents)
    {
        foreach (var content in contents)
        {
            switch (content)
            {
                case HelpLabelDescriptionList list:
                    yield return list;
                    break;
                case ICoconaHelpSectioningContent section:
                    foreach (var inner in Lists(section.Children))
                    {
                        yield return inner;
                    }
                    break;
            }
        }
    }

    /// <summary>Cocona's "(Default: X)", at the end of a description (before "(Required)" never: a required option has no default).</summary>
    [GeneratedRegex(@" \(Default: (?<value>[^()]*)\)")]
    private static partial Regex CoconaDefault();

    /// <summary>A description that says its own default: "(default 7)", "default: the rule's checkpoint", "(default: table; ...)".</summary>
    [GeneratedRegex(@"\bdefault\b", RegexOptions.IgnoreCase)]
    private static partial Regex OwnDefault();
}
