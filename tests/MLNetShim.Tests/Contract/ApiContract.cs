using System.Reflection;

namespace MLNetShim.Tests.Contract;

/// <summary>
/// Holds a set of types against a listing: every public type and public/protected member must appear in
/// the listing, as public, with the same kind and bases. Returns offences instead of asserting so tests
/// can also show that it catches deliberately wrong types.
/// </summary>
public static class ApiContract
{
    public static IReadOnlyList<string> Compare(Assembly assembly, params string[] listings)
        => Compare(assembly.GetTypes(), listings);

    /// <param name="types">Candidate types (non-public ones are ignored).</param>
    /// <param name="listings">Listing texts; later texts may only add types, never redefine them.</param>
    /// <param name="namespaceMap">Optional rewrite of a type's namespace, so a sample type can pose as a real one.</param>
    public static IReadOnlyList<string> Compare(IEnumerable<Type> types, string[] listings, Func<Type, string>? namespaceMap = null)
    {
        var listed = ApiListing.Parse(listings);
        var offences = new List<string>();
        foreach (var type in ApiRenderer.PublicTypes(types))
        {
            var fullName = namespaceMap is null ? ApiRenderer.FullName(type) : $"{namespaceMap(type)}.{ApiRenderer.TypeName(type)}";
            var key = ApiListing.Normalize(fullName);
            if (!listed.TryGetValue(key, out var entry))
            {
                offences.Add($"type {fullName}: public in the shim but not in the listing");
                continue;
            }
            if (entry.Visibility != "public")
                offences.Add($"type {fullName}: public in the shim but '{entry.Visibility}' in the listing");

            var kind = ApiRenderer.Kind(type);
            bool isDelegate = typeof(Delegate).IsAssignableFrom(type);
            if ((isDelegate ? "sealed class" : kind) != entry.Kind)
                offences.Add($"type {fullName}: kind '{kind}' but the listing has '{entry.Kind}'");

            var bases = new HashSet<string>(ApiRenderer.BaseTypes(type).Select(ApiListing.Normalize));
            if (!bases.SetEquals(entry.BaseTypes))
                offences.Add($"type {fullName}: bases [{string.Join(", ", bases)}] but the listing has [{string.Join(", ", entry.BaseTypes)}]");

            if (type.IsEnum)
            {
                var names = ApiRenderer.EnumMembers(type).ToList();
                if (!names.SequenceEqual(entry.EnumMembers))
                    offences.Add($"enum {fullName}: members {{ {string.Join(", ", names)} }} but the listing has {{ {string.Join(", ", entry.EnumMembers)} }}");
                continue;
            }

            foreach (var (visibility, signature, _) in ApiRenderer.Members(type))
            {
                var rendered = $"{visibility} {signature}";
                if (!entry.MemberVisibility.TryGetValue(ApiListing.Normalize(signature), out var listedVisibility))
                    offences.Add($"{fullName}: '{rendered}' is not in the listing");
                else if (listedVisibility != visibility)
                    offences.Add($"{fullName}: '{rendered}' is {visibility} in the shim but '{listedVisibility}' in the listing");
            }
        }
        return offences;
    }
}
