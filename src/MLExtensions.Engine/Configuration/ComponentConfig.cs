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

    public string Name { get; }

    /// <summary>Hyperparameters by name, in ordinal order. Booleans are 0/1.</summary>
    public IReadOnlyDictionary<string, double> Parameters { get; }

    /// <summary>The named parameter, or <paramref name="defaultValue"/> when the config does not hold it.</summary>
    public double Get(string parameter, double defaultValue) =>
        Parameters.TryGetValue(parameter, out var value) ? value : defaultValue;

    /// <summary>The named parameter; throws naming the component and parameter when it is missing.</summary>
    public double Get(string parameter) =>
        Parameters.TryGetValue(parameter, out var value)
            ? value
            : throw new ArgumentException($"The configuration of '{Name}' has no parameter '{parameter}'.", nameof(parameter));

    public bool Equals(ComponentConfig? other) =>
        other is not null && Name == other.Name && Parameters.Count == other.Parameters.Count
        && Parameters.All(p => other.Parameters.TryGetValue(p.Key, out var v) && v.Equals(p.Value));

    public override bool Equals(object? obj) => Equals(obj as ComponentConfig);

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

    public override string ToString() =>
        Parameters.Count == 0
            ? Name
            : $"{Name}({string.Join(", ", Parameters.Select(p => $"{p.Key}={p.Value.ToString("R", CultureInfo.InvariantCulture)}"))})";
}
