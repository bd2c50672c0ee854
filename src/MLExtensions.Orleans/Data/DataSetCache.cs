using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.ML;

namespace MLExtensions.Distributed;

/// <summary>
/// The data sets a silo has read, by <see cref="ClusterDataSource"/> and the file's last write time and length: the first
/// unit that needs one loads the file and hashes its bytes, every later one (on any thread) gets the same copy, and a file
/// rewritten at the same path is read again rather than served from the old copy. At most
/// <see cref="ClusterWorkerOptions.MaxCachedDataSets"/> stay; the least recently used one goes first.
/// </summary>
internal sealed class DataSetCache
{
    private readonly MLContext _mlContext = new(seed: 0);
    private readonly Dictionary<string, Entry> _entries = new();
    private readonly int _capacity;
    private long _clock;

    public DataSetCache(IOptions<ClusterWorkerOptions> options)
    {
        _capacity = options.Value.MaxCachedDataSets;
    }

    public LoadedDataSet Get(ClusterDataSource source)
    {
        string key = source + " " + FileIdentity(source.Path);
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(key, out entry!))
            {
                entry = new Entry(new Lazy<LoadedDataSet>(() => Load(source), LazyThreadSafetyMode.ExecutionAndPublication));
                _entries[key] = entry;
                Evict();
            }
            entry.LastUsed = ++_clock;
        }
        try
        {
            return entry.Data.Value;
        }
        catch
        {
            lock (_entries)
            {
                if (_entries.TryGetValue(key, out var current) && ReferenceEquals(current, entry))
                    _entries.Remove(key);
            }
            throw;
        }
    }

    /// <summary>What changes when the file is rewritten in place: every silo holding the same stale copy would agree on its
    /// SHA-256, so only the file itself can tell that the copy is old.</summary>
    private static string FileIdentity(string path)
    {
        var file = new FileInfo(path);
        // A missing file is not cached under its last identity: Load reports it.
        return file.Exists ? $"written {file.LastWriteTimeUtc.Ticks}, {file.Length} bytes" : "missing";
    }

    private void Evict()
    {
        while (_entries.Count > _capacity)
        {
            var oldest = _entries.MinBy(e => e.Value.LastUsed);
            _entries.Remove(oldest.Key);
        }
    }

    private LoadedDataSet Load(ClusterDataSource source)
    {
        string sha256;
        try
        {
            using var file = File.OpenRead(source.Path);
            sha256 = Convert.ToHexString(SHA256.HashData(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WorkerSetupException($"The data file '{source.Path}' cannot be read (working directory '{Environment.CurrentDirectory}'): {e.Message}", e);
        }
        var cached = _mlContext.Data.Cache(source.Load(_mlContext));
        // One full pass fills the cache and counts the rows; every fold and trial then reads memory.
        long rows = 0;
        using (var cursor = cached.GetRowCursor(cached.Schema))
        {
            while (cursor.MoveNext())
                rows++;
        }
        return new LoadedDataSet(cached, sha256, rows);
    }

    private sealed class Entry
    {
        public Entry(Lazy<LoadedDataSet> data) => Data = data;

        public Lazy<LoadedDataSet> Data { get; }

        public long LastUsed { get; set; }
    }
}
