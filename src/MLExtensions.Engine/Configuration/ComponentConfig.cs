using System.Collections.ObjectModel;
using System.Globalization;

namespace MLExtensions.Engine.Configuration;

/// <summary>
/// A component's name and numeric hyperparameters: what an activation, loss, initializer or optimizer
/// needs to be rebuilt. Every such component returns one from <c>GetConfig()</c> and its family's
/// <c>FromConfig</c> builds an equal component from it, so saving a model never needs per-type code.
/// </summary>
public sealed class ComponentConfig : IEquatable<ComponentConfig>
{
    /// <summary>A configuration with this name and these parameters (none when <see langword="null"/>).</summary>
    /// <param name="name">The component's name, for example <c>"adam"</c>; compared ordinally by <see cref="Equals(ComponentConfig?)"/>.</param>
    /// <param name="parameters">The hyperparameters by key; booleans as 0/1.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="name"/> is empty or white space, or <paramref name="parameters"/> holds a key twice.
    /// </exception>
    public ComponentConfig(string name, IEnumerable<KeyValuePair<string, double>>? parameters = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        var sorted = new SortedDictionary<string, double>(StringComparer.Ordinal);
        if (parameters is not null)
            foreach (var (key, value) in parameters)
                sorted.Add(key, value);
        Parameters = new ReadOnlyDictionary<string, double>(sorted);
    }

    /// <summary>The component's name as its family's <c>FromConfig</c> reads it, for example <c>"leaky_relu"</c> or <c>"adam"</c>.</summary>
    public string Name { get; }

    /// <summary>Hyperparameters by name, in ordinal order. Booleans are 0/1.</summary>
    public IReadOnlyDictionary<string, double> Parameters { get; }

    /// <summary>The named parameter, or <paramref name="defaultValue"/> when the config does not hold it.</summary>
    public double Get(string parameter, double defaultValue) =>
        Parameters.TryGetValue(parameter, out var value) ? value : defaultValue;

    /// <summary>The named parameter.</summary>
    /// <exception cref="ArgumentException">The config does not hold <paramref name="parameter"/>; the message names the component and the parameter.</exception>
    public double Get(string parameter) =>
        Parameters.TryGetValue(parameter, out var value)
            ? value
            : throw new ArgumentException($"The configuration of '{Name}' has no parameter '{parameter}'.", nameof(parameter));

    /// <summary>
    /// Whether <paramref name="other"/> has the same name (ordinal) and the same parameters with equal values
    /// (<see cref="double.Equals(double)"/>, so NaN equals NaN).
    /// </summary>
    public bool Equals(ComponentConfig? other) =>
        other is not null && Name == other.Name && Parameters.Count == other.Parameters.Count
        && Parameters.All(p => other.Parameters.TryGetValue(p.Key, out var v) && v.Equals(p.Value));

    /// <inheritdoc cref="Equals(ComponentConfig?)"/>
    public override bool Equals(object? obj) => Equals(obj as ComponentConfig);

    /// <summary>A hash of the name and every parameter, consistent with <see cref="Equals(ComponentConfig?)"/>.</summary>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Name);
        foreach (var (key, value) in Parameters)
        {
            hash.Add(key);
            hash.Add(value);
        }
        return hash.ToHashCode();
    }

    /// <summary>
    /// <c>name</c> alone, or <c>name(key=value, …)</c> with keys in ordinal order and values in round-trip invariant
    /// form, for example <c>adam(amsgrad=0, beta_1=0.9, …)</c>.
    /// </summary>
    public override string ToString() =>
        Parameters.Count == 0
            ? Name
            : $"{Name}({string.Join(", ", Parameters.Select(p => $"{p.Key}={p.Value.ToString("R", CultureInfo.InvariantCulture)}"))})";
}
