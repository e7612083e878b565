namespace DuckDetect.Core.Destinations;

/// <summary>
/// Takes a destination's secrets out of any text before it is printed or stored: each secret whole, and for a URL
/// also its path and query and each of their longer parts (an error may quote only the path, where a token sits).
/// </summary>
public sealed class Redactor
{
    private const string Mask = "[secret]";
    private readonly List<string> _secrets = [];

    public void Add(string secret)
    {
        _secrets.Add(secret);
        if (Uri.TryCreate(secret, UriKind.Absolute, out var uri))
        {
            _secrets.Add(uri.PathAndQuery);
            _secrets.AddRange(uri.PathAndQuery.Split('/', '?', '&', '=').Where(p => p.Length >= 6));
            if (uri.UserInfo.Length > 0)
            {
                _secrets.Add(uri.UserInfo);
            }
        }
        _secrets.RemoveAll(s => s.Length < 4 || s == "/");
        _secrets.Sort((a, b) => b.Length.CompareTo(a.Length));
    }

    public string Clean(string text)
    {
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }
        return text;
    }
}
