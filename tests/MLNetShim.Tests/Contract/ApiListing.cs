using System.Text.RegularExpressions;

namespace MLNetShim.Tests.Contract;

/// <summary>One type block of the listing: its header parts and its members keyed by normalized signature.</summary>
public sealed class ListedType
{
    public required string FullName { get; init; }
    public required string Visibility { get; init; }
    public required string Kind { get; init; }
    public required IReadOnlySet<string> BaseTypes { get; init; }
    public Dictionary<string, string> MemberVisibility { get; } = new();
    public List<string> EnumMembers { get; } = new();
}

/// <summary>
/// Parses public-api.txt: blocks start with an unindented "visibility kind FullName : bases   // assembly"
/// line; indented lines are members ("visibility [BestFriend] signature"), "nested:" lines, or an enum's
/// "{ A, B }" line.
/// </summary>
public static partial class ApiListing
{
    private static readonly string[] Visibilities =
        { "private protected", "protected internal", "public", "protected", "internal", "private" };

    private static readonly string[] Kinds =
        { "static class", "sealed class", "abstract class", "class", "ref struct", "struct", "interface", "enum" };

    public static Dictionary<string, ListedType> Parse(params string[] texts)
    {
        var types = new Dictionary<string, ListedType>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            ListedType? current = null;
            foreach (var rawLine in text.Split('\n'))
            {
                var line = rawLine.TrimEnd('\r');
                if (line.Length == 0 || line.StartsWith('#'))
                    continue;
                if (!char.IsWhiteSpace(line[0]))
                {
                    current = ParseHeader(line);
                    if (!types.TryAdd(current.FullName, current))
                        throw new InvalidOperationException($"Type listed twice: {current.FullName}");
                    continue;
                }
                if (current is null)
                    throw new InvalidOperationException($"Member line before any type: {line}");
                var body = line.Trim();
                if (body.StartsWith("nested:", StringComparison.Ordinal))
                    continue;
                if (body.StartsWith('{'))
                {
                    current.EnumMembers.AddRange(body.Trim('{', '}', ' ').Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
                    continue;
                }
                var (visibility, signature) = SplitVisibility(body);
                current.MemberVisibility.TryAdd(Normalize(signature), visibility);
            }
        }
        return types;
    }

    /// <summary>Signatures compare modulo whitespace.</summary>
    public static string Normalize(string signature) => Whitespace().Replace(signature, string.Empty);

    /// <summary>Splits "internal [BestFriend] static X" into ("internal [BestFriend]", "static X"). Events carry no visibility: public.</summary>
    public static (string Visibility, string Remainder) SplitVisibility(string line)
    {
        foreach (var v in Visibilities)
        {
            if (line.StartsWith(v + " ", StringComparison.Ordinal))
            {
                var rest = line[(v.Length + 1)..];
                if (rest.StartsWith("[BestFriend] ", StringComparison.Ordinal))
                    return (v + " [BestFriend]", rest["[BestFriend] ".Length..]);
                return (v, rest);
            }
        }
        return ("public", line);
    }

    /// <summary>Splits a base list at top-level commas (not those inside generic arguments).</summary>
    public static IReadOnlySet<string> SplitBases(string list)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        int depth = 0, start = 0;
        for (int i = 0; i <= list.Length; i++)
        {
            if (i == list.Length || (list[i] == ',' && depth == 0))
            {
                var item = Normalize(list[start..i]);
                if (item.Length > 0)
                    result.Add(item);
                start = i + 1;
            }
            else if (list[i] == '<') depth++;
            else if (list[i] == '>') depth--;
        }
        return result;
    }

    private static ListedType ParseHeader(string line)
    {
        int comment = line.IndexOf("//", StringComparison.Ordinal);
        if (comment >= 0)
            line = line[..comment];
        var (visibility, rest) = SplitVisibility(line.Trim());
        var kind = Kinds.FirstOrDefault(k => rest.StartsWith(k + " ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Unknown type kind in: {line}");
        rest = rest[(kind.Length + 1)..];
        int colon = TopLevelColon(rest);
        var name = colon < 0 ? rest : rest[..colon];
        var bases = colon < 0 ? "" : rest[(colon + 1)..];
        return new ListedType
        {
            FullName = Normalize(name),
            Visibility = visibility,
            Kind = kind,
            BaseTypes = SplitBases(bases),
        };
    }

    private static int TopLevelColon(string text)
    {
        int depth = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '<') depth++;
            else if (text[i] == '>') depth--;
            else if (text[i] == ':' && depth == 0) return i;
        }
        return -1;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
