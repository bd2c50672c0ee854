using System.Globalization;
using Microsoft.ML;

namespace MLExtensions.Distributed;

/// <summary>
/// A data set every silo reads for itself: a file path and how to read it. Only this description travels; each silo
/// loads the file once, keeps it in memory and runs every trial, fold and curve point on that copy, so the path must name
/// the same file on every silo (a shared volume, or a copy in the same place). <see cref="Load"/> reads it exactly as a
/// silo does, for a local run to compare with. Silos check that they hold identical bytes (SHA-256) before their results
/// are combined.
/// </summary>
[GenerateSerializer, Immutable, Alias("MLExtensions.Distributed.ClusterDataSource")]
public sealed class ClusterDataSource
{
    [Id(0)] internal string PathValue = "";
    [Id(1)] internal ClusterDataFormat FormatValue;
    [Id(2)] internal ClusterTextColumn[] ColumnsValue = Array.Empty<ClusterTextColumn>();
    [Id(3)] internal char SeparatorValue = '\t';
    [Id(4)] internal bool HasHeaderValue;
    [Id(5)] internal bool AllowQuotingValue;
    [Id(6)] internal bool TrimWhitespaceValue;
    [Id(7)] internal bool AllowSparseValue;

    internal ClusterDataSource()
    {
    }

    /// <summary>A file in ML.NET's binary IDataView format, as <c>mlContext.Data.SaveAsBinary</c> writes it.</summary>
    /// <param name="path">The file as every silo names it; a relative path is taken from each silo's working directory.</param>
    /// <returns>The description; the file is not read until a silo (or <see cref="Load"/>) needs it.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    public static ClusterDataSource Binary(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new ClusterDataSource { PathValue = path, FormatValue = ClusterDataFormat.Binary };
    }

    /// <summary>A delimited text file, read as <c>mlContext.Data.LoadFromTextFile(path, columns, separatorChar, hasHeader,
    /// allowQuoting, trimWhitespace, allowSparse)</c> reads it.</summary>
    /// <param name="path">The file as every silo names it; a relative path is taken from each silo's working directory.</param>
    /// <param name="columns">The columns to read, at least one, with distinct names.</param>
    /// <param name="separatorChar">The field separator. Default tab.</param>
    /// <param name="hasHeader">Whether the first line is a header to skip. Default false.</param>
    /// <param name="allowQuoting">Whether fields may be quoted (and then hold the separator). Default false.</param>
    /// <param name="trimWhitespace">Whether white space around fields is dropped. Default false.</param>
    /// <param name="allowSparse">Whether lines may use ML.NET's sparse vector syntax. Default false.</param>
    /// <returns>The description; the file is not read until a silo (or <see cref="Load"/>) needs it.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty, or <paramref name="columns"/> is
    /// empty, holds a null column or two columns of one name.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="columns"/> is null.</exception>
    public static ClusterDataSource Text(string path, IReadOnlyList<ClusterTextColumn> columns, char separatorChar = '\t', bool hasHeader = false,
        bool allowQuoting = false, bool trimWhitespace = false, bool allowSparse = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
            throw new ArgumentException("A text data source needs at least one column.", nameof(columns));
        for (int i = 0; i < columns.Count; i++)
        {
            if (columns[i] is null)
                throw new ArgumentException($"columns[{i}] is null.", nameof(columns));
        }
        var duplicate = columns.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Two columns are named '{duplicate.Key}'.", nameof(columns));
        return new ClusterDataSource
        {
            PathValue = path,
            FormatValue = ClusterDataFormat.Text,
            ColumnsValue = columns.ToArray(),
            SeparatorValue = separatorChar,
            HasHeaderValue = hasHeader,
            AllowQuotingValue = allowQuoting,
            TrimWhitespaceValue = trimWhitespace,
            AllowSparseValue = allowSparse,
        };
    }

    /// <summary>The file, as each silo names it (a relative path is taken from each silo's working directory).</summary>
    public string Path => PathValue;

    /// <summary>Whether the file is ML.NET's binary format or delimited text.</summary>
    public ClusterDataFormat Format => FormatValue;

    /// <summary>The columns of a text source; empty for a binary one (its file holds its schema).</summary>
    public IReadOnlyList<ClusterTextColumn> Columns => ColumnsValue;

    /// <summary>The field separator of a text source (default tab); unused for a binary one.</summary>
    public char Separator => SeparatorValue;

    /// <summary>Whether a text source's first line is a header to skip; false for a binary one.</summary>
    public bool HasHeader => HasHeaderValue;

    /// <summary>Whether a text source's fields may be quoted; false for a binary one.</summary>
    public bool AllowQuoting => AllowQuotingValue;

    /// <summary>Whether white space around a text source's fields is dropped; false for a binary one.</summary>
    public bool TrimWhitespace => TrimWhitespaceValue;

    /// <summary>Whether a text source's lines may use ML.NET's sparse vector syntax; false for a binary one.</summary>
    public bool AllowSparse => AllowSparseValue;

    /// <summary>The data as a silo reads it (before it caches it in memory): a lazy ML.NET loader over the file.</summary>
    /// <param name="mlContext">The context whose data catalog loads the file.</param>
    /// <returns>A data view that reads the file each time a cursor runs over it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="mlContext"/> is null.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist here; the message names the working directory.</exception>
    public IDataView Load(MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        if (!File.Exists(Path))
            throw new FileNotFoundException($"The data file '{Path}' does not exist (working directory '{Environment.CurrentDirectory}').", Path);
        return Format == ClusterDataFormat.Binary
            ? mlContext.Data.LoadFromBinary(Path)
            : mlContext.Data.LoadFromTextFile(Path, Columns.Select(c => c.ToTextLoaderColumn()).ToArray(), Separator, HasHeader,
                AllowQuoting, TrimWhitespace, AllowSparse);
    }

    /// <summary>Everything that decides what is read, in one line: two sources with the same description read the same data
    /// from the same bytes.</summary>
    public override string ToString() => Format == ClusterDataFormat.Binary
        ? $"binary '{Path}'"
        : string.Create(CultureInfo.InvariantCulture,
            $"text '{Path}' [{string.Join(", ", Columns)}] separator U+{(int)Separator:X4}{(HasHeader ? " header" : "")}{(AllowQuoting ? " quoting" : "")}{(TrimWhitespace ? " trim" : "")}{(AllowSparse ? " sparse" : "")}");
}
