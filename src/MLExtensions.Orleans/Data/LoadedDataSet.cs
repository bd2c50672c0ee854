using Microsoft.ML;

namespace MLExtensions.Distributed;

/// <summary>
/// One data set as a silo holds it: the file's rows cached in memory, the SHA-256 of the file's bytes (so silos can show
/// they read the same data), and whatever was derived from it once (folds, hold-out splits, search objectives), so every
/// trial and fold after the first reuses them. At most <see cref="MaxDerived"/> derived values stay (each client run with
/// other folds or another objective adds one); the least recently used one goes first.
/// </summary>
internal sealed class LoadedDataSet
{
    public const int MaxDerived = 16;

    private readonly Dictionary<string, Entry> _derived = new();
    private long _clock;

    public LoadedDataSet(IDataView data, string sha256, long rows)
    {
        Data = data;
        Sha256 = sha256;
        Rows = rows;
    }

    public IDataView Data { get; }

    public string Sha256 { get; }

    public long Rows { get; }

    /// <summary>What identifies this data for a check across silos: the bytes' hash and the rows read from them.</summary>
    public string Fingerprint => $"{Sha256[..16]}/{Rows} rows";

    /// <summary>Derived values held now.</summary>
    internal int DerivedCount
    {
        get
        {
            lock (_derived)
                return _derived.Count;
        }
    }

    /// <summary>The value made once by <paramref name="create"/> under <paramref name="key"/>; a failure is not kept, so a
    /// later call tries again.</summary>
    public T Derived<T>(string key, Func<T> create)
        where T : class
    {
        Entry entry;
        lock (_derived)
        {
            if (!_derived.TryGetValue(key, out entry!))
            {
                entry = new Entry(new Lazy<object>(() => create(), LazyThreadSafetyMode.ExecutionAndPublication));
                _derived[key] = entry;
            }
            entry.LastUsed = ++_clock;
            // A unit still using an evicted value keeps its own reference; only the cache forgets it.
            while (_derived.Count > MaxDerived)
                _derived.Remove(_derived.MinBy(e => e.Value.LastUsed).Key);
        }
        try
        {
            return (T)entry.Value.Value;
        }
        catch
        {
            lock (_derived)
            {
                if (_derived.TryGetValue(key, out var current) && ReferenceEquals(current, entry))
                    _derived.Remove(key);
            }
            throw;
        }
    }

    private sealed class Entry
    {
        public Entry(Lazy<object> value) => Value = value;

        public Lazy<object> Value { get; }

        public long LastUsed { get; set; }
    }
}
