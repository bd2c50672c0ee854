using System.Globalization;

namespace MLExtensions.Engine.Configuration;

/// <summary>
/// Reading and writing <see cref="ComponentConfig"/> parameters, with the checks every <c>FromConfig</c> needs: the one
/// place that rejects a key a component does not take, for activations, initializers, losses, optimizers, learning-rate
/// schedules, plateau reduction and weight penalties alike.
/// </summary>
internal static class ConfigParameters
{
    /// <summary>
    /// Rejects a config of another component (names compare case-insensitively) or one holding a key the component
    /// does not take; see <see cref="RequireOnly"/>.
    /// </summary>
    /// <param name="config">The configuration to check.</param>
    /// <param name="family">What the component is, for the message: "optimizer", "learning-rate schedule", ….</param>
    /// <param name="name">The component's configuration name the config must carry.</param>
    /// <param name="accepted">The parameter keys the component takes.</param>
    /// <exception cref="ArgumentNullException"><paramref name="config"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The name differs, or the config holds a key outside <paramref name="accepted"/>.</exception>
    public static void Check(ComponentConfig config, string family, string name, params string[] accepted)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!string.Equals(config.Name, name, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"Expected the configuration of the {family} '{name}', got '{config.Name}'.", nameof(config));
        RequireOnly(config, family, accepted);
    }

    /// <summary>
    /// Rejects a key outside <paramref name="accepted"/>, so a misspelt key fails loudly instead of silently taking a
    /// default. The message names the component, the key and the accepted keys:
    /// <c>The optimizer 'adam' has no parameter 'beta1'; it takes learning_rate, beta_1, beta_2, epsilon, amsgrad.</c>
    /// (<c>it takes none.</c> for a component without parameters).
    /// </summary>
    public static void RequireOnly(ComponentConfig config, string family, params string[] accepted)
    {
        ArgumentNullException.ThrowIfNull(config);
        foreach (var key in config.Parameters.Keys)
            if (Array.IndexOf(accepted, key) < 0)
                throw new ArgumentException(
                    $"The {family} '{config.Name}' has no parameter '{key}'; it takes {(accepted.Length == 0 ? "none" : string.Join(", ", accepted))}.",
                    nameof(config));
    }

    /// <summary>
    /// Stores a float as the shortest decimal that rounds back to it, so a config reads 0.9 rather than
    /// 0.899999976 and still rebuilds the identical float.
    /// </summary>
    public static KeyValuePair<string, double> Entry(string key, float value)
    {
        double shortest = double.Parse(value.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return new(key, (float)shortest == value ? shortest : value);
    }

    public static KeyValuePair<string, double> Entry(string key, double value) => new(key, value);

    public static KeyValuePair<string, double> Entry(string key, long value) => new(key, value);

    public static KeyValuePair<string, double> Entry(string key, bool value) => new(key, value ? 1 : 0);

    public static float ReadFloat(ComponentConfig config, string key, float defaultValue) =>
        (float)config.Get(key, defaultValue);

    public static float ReadFloat(ComponentConfig config, string key) => (float)config.Get(key);

    public static long ReadLong(ComponentConfig config, string key) => ToLong(config, key, config.Get(key));

    public static long ReadLong(ComponentConfig config, string key, long defaultValue) =>
        ToLong(config, key, config.Get(key, defaultValue));

    public static int ReadInt(ComponentConfig config, string key, int defaultValue)
    {
        long value = ToLong(config, key, config.Get(key, defaultValue));
        if (value is < int.MinValue or > int.MaxValue)
            throw new ArgumentException($"Parameter '{key}' of '{config.Name}' is out of the range of a 32-bit integer.", nameof(config));
        return (int)value;
    }

    public static bool ReadBool(ComponentConfig config, string key, bool defaultValue)
    {
        double value = config.Get(key, defaultValue ? 1 : 0);
        return value switch
        {
            0 => false,
            1 => true,
            _ => throw new ArgumentException(
                $"Parameter '{key}' of '{config.Name}' is a boolean and must be 0 or 1, not {Format(value)}.", nameof(config)),
        };
    }

    private static long ToLong(ComponentConfig config, string key, double value)
    {
        // 2^63 itself is representable as a double but not as a long, hence the strict upper bound.
        if (value != Math.Floor(value) || value < -9.2233720368547758E18 || value >= 9.2233720368547758E18)
            throw new ArgumentException($"Parameter '{key}' of '{config.Name}' must be an integer, not {Format(value)}.", nameof(config));
        return (long)value;
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
