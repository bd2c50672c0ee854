using System.Collections.Concurrent;
using Microsoft.ML;

namespace MLExtensions.Distributed;

/// <summary>
/// One data set as a silo holds it: the file's rows cached in memory, the SHA-256 of the file's bytes (so silos can show
/// they read the same data), and whatever was derived from it once (folds, hold-out splits, search objectives), so every
/// trial and fold after the first reuses them.
/// </summary>
internal sealed class LoadedDataSet
{
    private readonly ConcurrentDictionary<string, Lazy<object>> _derived = new();

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

    /// <summary>The value made once by <paramref name="create"/> under <paramref name="key"/>; a failure is not kept, so a
    /// later call tries again.</summary>
    public T Derived<T>(string key, Func<T> create)
        where T : class
    {
        var lazy = _derived.GetOrAdd(key, _ => new Lazy<object>(() => create(), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return (T)lazy.Value;
        }
        catch
        {
            _derived.TryRemove(new KeyValuePair<string, Lazy<object>>(key, lazy));
            throw;
        }
    }
}
