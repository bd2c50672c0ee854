namespace MLNetShim.Tests;

internal static class ApiListingResources
{
    internal static string Listing => Read("public-api.txt");

    internal static string Supplement => Read("unlisted-api.txt");

    private static string Read(string name)
    {
        using var stream = typeof(ApiListingResources).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
