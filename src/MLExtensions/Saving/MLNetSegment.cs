using System.IO.Compression;
using System.Reflection;
using Microsoft.ML;
using MLExtensions.Engine.Serialization;

namespace MLExtensions.Saving;

/// <summary>
/// An ML.NET model zip inside a pipeline file: what is checked before ML.NET's loader sees it, and how its failures are
/// reported. By the time it gets here the segment matches its digest; its zip directory is then checked so that what
/// ML.NET decompresses is bounded (.NET's zip reader stops each entry at its declared size), and ML.NET's exceptions are
/// unwrapped and reported with the segment's name.
/// </summary>
internal static class MLNetSegment
{
    // Deflate cannot expand data by more than about 1032:1; an entry declaring more than that of its compressed bytes lies.
    private const long MaximumDeflateRatio = 1032;

    // What an ML.NET segment may expand to in all: its size times this factor, plus a fixed allowance. ML.NET's models are
    // binary and compress a few times at most; a zip bomb expands hundreds of times.
    private const long MaximumExpansionFactor = 64;
    private const long ExpansionAllowance = 64L << 20;

    private const int MaximumEntries = 100_000;

    /// <summary>Loads the segment with ML.NET after checking its zip directory; <paramref name="label"/> names it in messages.</summary>
    public static ITransformer Load(ModelOperationsCatalog catalog, ModelSegment segment, string label, out DataViewSchema inputSchema)
    {
        CheckArchive(segment.Bytes, label);
        ITransformer transformer;
        try
        {
            transformer = catalog.Load(new MemoryStream(segment.Bytes, writable: false), out inputSchema);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // ML.NET builds its transformers by reflection, so its own message hides under "thrown by the target of an invocation".
            var cause = Unwrap(e);
            throw new InvalidDataException($"ML.NET could not load {label}: {cause.Message}", cause);
        }
        // ML.NET loads a model zip without its schema entry as a null schema; every segment of a pipeline file is saved with one.
        if (inputSchema is null)
            throw new InvalidDataException($"{Capitalized(label)} carries no input schema: it was not saved as part of a pipeline file.");
        return transformer;
    }

    /// <summary>Refuses a zip whose entries declare more than deflate can produce, or more in all than an ML.NET model needs.</summary>
    public static void CheckArchive(byte[] bytes, string label)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{Capitalized(label)} is not an ML.NET model zip: {e.Message}", e);
        }
        using (zip)
        {
            long limit = ExpansionAllowance + MaximumExpansionFactor * bytes.Length;
            long total = 0;
            int count = 0;
            foreach (var entry in zip.Entries)
            {
                if (++count > MaximumEntries)
                    throw new InvalidDataException($"{Capitalized(label)} holds more than {MaximumEntries} zip entries: it is not an ML.NET model.");
                if (entry.Length < 0 || entry.CompressedLength < 0 || entry.Length > entry.CompressedLength * MaximumDeflateRatio + 1024)
                    throw new InvalidDataException(
                        $"{Capitalized(label)} has a zip entry '{entry.FullName}' declaring {entry.Length} bytes from {entry.CompressedLength} " +
                        "compressed, more than deflate can produce: the zip is corrupt or crafted.");
                total += entry.Length;
                if (total > limit)
                    throw new InvalidDataException(
                        $"{Capitalized(label)} would expand to more than {limit} bytes from {bytes.Length} (entry '{entry.FullName}' and those " +
                        "before it): far more than an ML.NET model compresses, so it is refused as a zip bomb.");
            }
        }
    }

    /// <summary>
    /// Checks that every column ML.NET saved as a segment's input is produced, with the same type, by the steps before it,
    /// so that steps loaded in a different order or for other data are refused rather than scoring wrongly.
    /// </summary>
    public static void CheckInputSchema(DataViewSchema saved, DataViewSchema produced, string label)
    {
        foreach (var column in saved.Where(c => !c.IsHidden))
        {
            var match = produced.GetColumnOrNull(column.Name);
            if (match is null)
                throw new InvalidDataException(
                    $"{Capitalized(label)} was saved to read a column '{column.Name}' ({column.Type}) that the steps before it do not produce: " +
                    "its steps are out of order or belong to another pipeline.");
            if (!match.Value.Type.Equals(column.Type))
                throw new InvalidDataException(
                    $"{Capitalized(label)} was saved to read column '{column.Name}' as {column.Type}, but the steps before it produce {match.Value.Type}: " +
                    "its steps are out of order or belong to another pipeline.");
        }
    }

    private static Exception Unwrap(Exception e)
    {
        while (e is TargetInvocationException or AggregateException or TypeInitializationException && e.InnerException is not null)
            e = e.InnerException;
        return e;
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
