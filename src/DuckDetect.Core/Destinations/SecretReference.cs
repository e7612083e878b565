using System.Text.RegularExpressions;

namespace DuckDetect.Core.Destinations;

/// <summary>
/// Where a secret is read from when a destination is used: an environment variable or a file, named, never the
/// secret itself. Stored as <c>env:NAME</c> or <c>file:/absolute/path</c>; read at each delivery, so that a rotated
/// secret takes effect at the next run. Nothing here ever puts the value into a message.
/// </summary>
public sealed partial record SecretReference(string Kind, string Name)
{
    public const string Environment = "env";
    public const string File = "file";

    /// <summary>From the two options of one secret (--X-env NAME, --X-file PATH): exactly one must be given.</summary>
    public static SecretReference? FromOptions(string option, string? variable, string? path, bool required)
    {
        if (variable is not null && path is not null)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments, $"give --{option}-env or --{option}-file, not both");
        }
        if (variable is not null)
        {
            if (!VariableName().IsMatch(variable))
            {
                throw new DuckDetectException(FailureKind.InvalidArguments,
                    $"--{option}-env takes the name of an environment variable (letters, digits and '_'), not its value");
            }
            return new SecretReference(Environment, variable);
        }
        if (path is not null)
        {
            if (path.Trim().Length == 0)
            {
                throw new DuckDetectException(FailureKind.InvalidArguments, $"--{option}-file needs a path");
            }
            return new SecretReference(File, System.IO.Path.GetFullPath(path));
        }
        return required
            ? throw new DuckDetectException(FailureKind.InvalidArguments,
                $"this destination needs --{option}-env NAME or --{option}-file PATH (secrets are never given on the command line)")
            : null;
    }

    /// <summary>A stored reference (<c>env:NAME</c>, <c>file:PATH</c>); null for null.</summary>
    public static SecretReference? Parse(string? stored) => stored switch
    {
        null => null,
        _ when stored.StartsWith(Environment + ":", StringComparison.Ordinal) => new SecretReference(Environment, stored[(Environment.Length + 1)..]),
        _ when stored.StartsWith(File + ":", StringComparison.Ordinal) => new SecretReference(File, stored[(File.Length + 1)..]),
        _ => throw new DuckDetectException(FailureKind.DatabaseUnusable, "a destination's secret reference is neither env: nor file:"),
    };

    public override string ToString() => $"{Kind}:{Name}";

    /// <summary>For people: <c>$NAME</c> or <c>file /path</c>.</summary>
    public string Describe() => Kind == Environment ? "$" + Name : "file " + Name;

    /// <summary>
    /// The secret, read now: an environment variable's value or a file's content (trailing newlines removed). A
    /// missing or empty one is a <see cref="DestinationException"/> naming where it was looked for.
    /// </summary>
    public string Resolve()
    {
        string? value;
        if (Kind == Environment)
        {
            value = System.Environment.GetEnvironmentVariable(Name);
        }
        else
        {
            try
            {
                value = System.IO.File.ReadAllText(Name);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new DestinationException($"the secret file {Name} cannot be read ({ex.GetType().Name})");
            }
        }
        value = value?.TrimEnd('\r', '\n');
        return string.IsNullOrEmpty(value)
            ? throw new DestinationException($"the secret {Describe()} is {(Kind == Environment ? "not set" : "empty")}")
            : value;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,127}$")]
    private static partial Regex VariableName();
}
