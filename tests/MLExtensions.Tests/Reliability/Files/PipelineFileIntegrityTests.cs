using System.IO.Compression;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Tests.Reliability.Fuzzing;
using MLExtensions.Tests.Support;

namespace MLExtensions.Tests.Reliability.Files;

/// <summary>
/// A pipeline file is verified whole before any loader sees a byte: damaged, edited, reordered, truncated and extended
/// files are refused naming the part that is wrong, and files crafted to pass every digest are still checked step by
/// step (ML.NET's zips for bombs, each step's input against the steps before it).
/// </summary>
public class PipelineFileIntegrityTests : IClassFixture<PipelineFileIntegrityTests.Saved>
{
    private readonly Saved _saved;
    private readonly MLContext _mlContext = new(seed: 1);

    public PipelineFileIntegrityTests(Saved saved) => _saved = saved;

    /// <summary>The files under test, saved once: the fuzz subjects' pipeline (segments input-schema, 000.mlnet: Concatenate,
    /// Standardize and MapValueToKey; 001.mlext: the MLP; 002.mlext: an inverse scaling; 003.mlnet: MapKeyToValue).</summary>
    public sealed class Saved
    {
        public FuzzSubjects Subjects { get; } = new();
        public byte[] Pipeline => Subjects.PipelineFile;
        public ModelFileLayout Layout => ModelFileLayout.Of(Pipeline);
    }

    private InvalidDataException Refused(byte[] bytes) =>
        Assert.Throws<InvalidDataException>(() => _mlContext.Model.LoadPipeline(new MemoryStream(bytes), out _));

    [Fact]
    public void TheSavedPipelineHasTheDocumentedSegments()
    {
        Assert.Equal(2, _saved.Layout.Version);
        Assert.Equal("pipeline", _saved.Layout.Kind);
        Assert.Equal(new[] { "input-schema.mlnet", "000.mlnet", "001.mlext", "002.mlext", "003.mlnet" }, _saved.Layout.Entries.Select(e => e.Name));
        Assert.Equal(_saved.Pipeline.Length, _saved.Layout.FileDigestOffset + 32);
    }

    /// <summary>
    /// The case that made ML.NET 5.0.1's own loader spin forever at full CPU (BinaryLoader.InitToc → GetVBufferCodec →
    /// ReadIntArray): bit 3 of the byte 88 bytes past the "Schema" entry's local header, in the ML.NET zip that carries an
    /// input schema of a 2-float Features vector and a text Label. Found by flipping every bit of that zip and loading it
    /// with ML.NET directly; here the pipeline's verification must refuse it before ML.NET reads it.
    /// </summary>
    [Fact]
    public void TheFlippedBitThatMakesMLNetsLoaderSpinIsRefusedBeforeMLNetSeesIt()
    {
        var rows = Trained.MulticlassTrainRows;
        var data = _mlContext.Data.LoadFromEnumerable(rows);
        using var saved = new MemoryStream();
        _mlContext.Model.SavePipeline(new TransformerChain<ITransformer>(Trained.LabelToKey, Trained.Multiclass), data.Schema, saved);
        var bytes = saved.ToArray();
        var (_, segmentStart, segmentLength) = ModelFileLayout.Of(bytes).Segment("input-schema.mlnet");
        int schemaEntry = ZipLocalHeader(bytes.AsSpan(segmentStart, segmentLength), "Schema");
        int target = segmentStart + schemaEntry + 88;
        // The byte ML.NET's loader chokes on once its bit 3 is set: if ML.NET ever writes this schema differently, the case
        // below is no longer the one that hangs it.
        Assert.Equal(0, bytes[target]);
        bytes[target] ^= 1 << 3;

        Exception? error = null;
        var load = new Thread(() =>
        {
            try
            {
                _mlContext.Model.LoadPipeline(new MemoryStream(bytes), out _);
            }
            catch (Exception e)
            {
                error = e;
            }
        })
        { IsBackground = true };
        load.Start();
        Assert.True(load.Join(TimeSpan.FromSeconds(30)), "Loading the damaged pipeline did not return.");
        var refused = Assert.IsType<InvalidDataException>(error);
        Assert.Contains("segment 'input-schema.mlnet' (1 of 3)", refused.Message);
        Assert.Contains("SHA-256", refused.Message);
    }

    private static int ZipLocalHeader(ReadOnlySpan<byte> zip, string entryName)
    {
        var name = Encoding.ASCII.GetBytes(entryName);
        for (int i = 0; i + 30 + name.Length <= zip.Length; i++)
        {
            if (zip[i] == 0x50 && zip[i + 1] == 0x4B && zip[i + 2] == 3 && zip[i + 3] == 4
                && zip[i + 26] == name.Length && zip[i + 27] == 0 && zip.Slice(i + 30, name.Length).SequenceEqual(name))
                return i;
        }
        throw new InvalidOperationException($"No zip entry '{entryName}' in the segment.");
    }

    [Fact]
    public void EveryDamagedByteOfTheHeaderAndManifestIsRefusedAsSuch()
    {
        var layout = _saved.Layout;
        for (int at = 0; at < layout.ManifestDigestOffset + 32; at++)
        {
            var bytes = (byte[])_saved.Pipeline.Clone();
            bytes[at] ^= (byte)(1 << (at % 8));
            var error = Refused(bytes);
            Assert.True(
                error.Message.Contains("manifest") || error.Message.Contains("header") || error.Message.Contains("not an MLExtensions")
                || error.Message.Contains("format version"),
                $"byte {at}: {error.Message}");
        }
    }

    [Fact]
    public void EveryDamagedSegmentIsRefusedNamingIt()
    {
        foreach (var (name, offset, length) in _saved.Layout.Segments)
        {
            for (int at = offset; at < offset + length; at += 13)
            {
                var bytes = (byte[])_saved.Pipeline.Clone();
                bytes[at] ^= 0x10;
                Assert.Contains($"segment '{name}'", Refused(bytes).Message);
            }
        }
    }

    [Fact]
    public void ADamagedFinalDigestIsRefused()
    {
        var bytes = (byte[])_saved.Pipeline.Clone();
        bytes[^5] ^= 1;
        Assert.Contains("digest at its end", Refused(bytes).Message);
    }

    [Fact]
    public void AFileCutShortAnywhereIsRefusedAsTruncated()
    {
        for (int length = 0; length < _saved.Pipeline.Length; length += 7)
        {
            var error = Refused(_saved.Pipeline[..length]);
            Assert.True(error.Message.Contains("truncated") || error.Message.Contains("shorter than the file header"), $"{length} bytes: {error.Message}");
        }
    }

    [Fact]
    public void AFileWithBytesAfterItsEndIsRefusedAsExtended()
    {
        foreach (var extra in new[] { new byte[] { 0 }, "more"u8.ToArray(), _saved.Pipeline })
            Assert.Contains("goes on past its end", Refused(_saved.Pipeline.Concat(extra).ToArray()).Message);
    }

    /// <summary>Edits that made the first format load a different pipeline silently: each changes the manifest, whose digest no
    /// longer matches.</summary>
    [Theory]
    [InlineData("the Standardize segment dropped")]
    [InlineData("the Standardize segment repeated")]
    [InlineData("two segments swapped")]
    [InlineData("the last step dropped")]
    [InlineData("every step dropped")]
    public void AnEditedManifestIsRefused(string edit)
    {
        var segments = _saved.Layout.SegmentList();
        switch (edit)
        {
            case "the Standardize segment dropped": segments.RemoveAt(1); break;
            case "the Standardize segment repeated": segments.Insert(1, segments[1]); break;
            case "two segments swapped": (segments[2], segments[3]) = (segments[3], segments[2]); break;
            case "the last step dropped": segments.RemoveAt(segments.Count - 1); break;
            default: segments.RemoveRange(1, segments.Count - 1); break;
        }
        // The edited manifest and segments, with the original manifest digest: as an editor leaves a file.
        var resealed = ModelFileLayout.Seal("pipeline", segments);
        var edited = ModelFileLayout.Of(resealed);
        var bytes = (byte[])resealed.Clone();
        _saved.Pipeline.AsSpan(_saved.Layout.ManifestDigestOffset, 32).CopyTo(bytes.AsSpan(edited.ManifestDigestOffset));
        var error = Refused(bytes);
        Assert.Contains("manifest", error.Message);
        Assert.Contains("do not match", error.Message);
    }

    [Fact]
    public void StepsInAnotherOrderAreRefusedEvenWithEveryDigestRecomputed()
    {
        var segments = _saved.Layout.SegmentList();
        // The MLP first, then the ML.NET steps that make its Features: names in order, contents swapped.
        var crafted = new List<(string, byte[])>
        {
            segments[0], ("000.mlext", segments[2].Bytes), ("001.mlnet", segments[1].Bytes), segments[3], segments[4],
        };
        var error = Refused(ModelFileLayout.Seal("pipeline", crafted));
        Assert.Contains("segment '000.mlext' (2 of 5, an MLExtensions transformer)", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("out of order", error.Message);
    }

    [Fact]
    public void AnMLNetStepSavedForOtherColumnsIsRefusedNamingTheColumn()
    {
        var segments = _saved.Layout.SegmentList();
        // MapValueToKey saved for data whose Features is already a vector, where this pipeline's input has X and Y only.
        using var foreign = new MemoryStream();
        _mlContext.Model.Save(Trained.LabelToKey, _mlContext.Data.LoadFromEnumerable(Trained.MulticlassTrainRows).Schema, foreign);
        segments[1] = ("000.mlnet", foreign.ToArray());
        var error = Refused(ModelFileLayout.Seal("pipeline", segments));
        Assert.Contains("segment '000.mlnet'", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("column 'Features'", error.Message);
    }

    [Theory]
    [InlineData(0, "input-schema.mlnet")]
    [InlineData(1, "000.mlnet")]
    public void AnMLNetSegmentSavedWithoutItsInputSchemaIsRefusedNamingTheSegment(int index, string name)
    {
        var segments = _saved.Layout.SegmentList();
        // ML.NET saves a model without a schema entry when given no schema, and loads it back with a null schema.
        var bare = _mlContext.Model.Load(new MemoryStream(segments[index].Bytes), out _);
        using var withoutSchema = new MemoryStream();
        _mlContext.Model.Save(bare, null, withoutSchema);
        segments[index] = (name, withoutSchema.ToArray());
        var error = Refused(ModelFileLayout.Seal("pipeline", segments));
        Assert.Contains($"segment '{name}'", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("carries no input schema", error.Message);
    }

    [Fact]
    public void AnMLNetSegmentMLNetCannotLoadIsReportedWithMLNetsOwnMessageAndTheSegment()
    {
        var segments = _saved.Layout.SegmentList();
        // A valid zip whose transformer entries are cut short: ML.NET's loader fails inside a reflection call.
        segments[4] = ("003.mlnet", Rezipped(segments[4].Bytes, (name, content) => name.EndsWith("Model.key", StringComparison.Ordinal) ? content[..(content.Length / 2)] : content));
        var error = Refused(ModelFileLayout.Seal("pipeline", segments));
        Assert.Contains("ML.NET could not load segment '003.mlnet' (5 of 5, ML.NET transformers)", error.Message);
        Assert.DoesNotContain("target of an invocation", error.Message);
        Assert.IsNotType<System.Reflection.TargetInvocationException>(error.InnerException);
    }

    [Fact]
    public void AZipBombInAnMLNetSegmentIsRefusedBeforeItExpands()
    {
        var segments = _saved.Layout.SegmentList();
        segments[4] = ("003.mlnet", Bomb(uncompressedBytes: 256 << 20));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Refused(ModelFileLayout.Seal("pipeline", segments));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("zip bomb", error.Message);
        Assert.Contains("segment '003.mlnet'", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.True(allocated < 16 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void AZipEntryDeclaringMoreThanDeflateCanProduceIsRefused()
    {
        var segments = _saved.Layout.SegmentList();
        var zip = segments[4].Bytes;
        // Both copies of the first entry's uncompressed size (local header and central directory) claim 2 GB.
        for (int i = 0; i + 4 < zip.Length; i++)
        {
            if (zip[i] == 0x50 && zip[i + 1] == 0x4B && zip[i + 2] == 3 && zip[i + 3] == 4)
                BitConverter.TryWriteBytes(zip.AsSpan(i + 22, 4), 2_000_000_000u);
            if (zip[i] == 0x50 && zip[i + 1] == 0x4B && zip[i + 2] == 1 && zip[i + 3] == 2)
                BitConverter.TryWriteBytes(zip.AsSpan(i + 24, 4), 2_000_000_000u);
        }
        segments[4] = ("003.mlnet", zip);
        Assert.Contains("more than deflate can produce", Refused(ModelFileLayout.Seal("pipeline", segments)).Message);
    }

    [Fact]
    public void ASegmentOfAnUnknownNameIsRefused()
    {
        var segments = _saved.Layout.SegmentList();
        segments[2] = ("001.onnx", segments[2].Bytes);
        Assert.Contains("named '001.onnx'", Refused(ModelFileLayout.Seal("pipeline", segments)).Message);
    }

    [Fact]
    public void APipelineOfTheFirstFormatIsRefusedSayingWhy()
    {
        using var legacy = new MemoryStream();
        using (var zip = new ZipArchive(legacy, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var manifest = new StreamWriter(zip.CreateEntry("manifest.txt").Open());
            manifest.Write("MLExtensions pipeline v1\nmlext 000.mlext\n");
        }
        var error = Refused(legacy.ToArray());
        Assert.Contains("zip archive", error.Message);
        Assert.Contains("format version 2", error.Message);
    }

    [Fact]
    public void AFailedSaveToAPathLeavesNoFileBehind()
    {
        string directory = Path.Combine(Path.GetTempPath(), $"mlext-save-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            string path = Path.Combine(directory, "model.mlext");
            var data = _mlContext.Data.LoadFromEnumerable(Trained.MulticlassTrainRows);
            // ML.NET cannot save a custom mapping without a contract name: the save fails part-way through the pipeline.
            var unsavable = _mlContext.Transforms.CustomMapping<MulticlassRow, Doubled>((input, output) => output.Twice = input.Features[0] * 2, null).Fit(data);
            var chain = new TransformerChain<ITransformer>(Trained.LabelToKey, Trained.Multiclass, unsavable);
            Assert.ThrowsAny<Exception>(() => _mlContext.Model.SavePipeline(chain, data.Schema, path));
            Assert.Empty(Directory.GetFiles(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    public sealed class Doubled
    {
        public float Twice;
    }

    private static byte[] Rezipped(byte[] zipBytes, Func<string, byte[], byte[]> edit)
    {
        using var source = new ZipArchive(new MemoryStream(zipBytes), ZipArchiveMode.Read);
        using var result = new MemoryStream();
        using (var target = new ZipArchive(result, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var content = new MemoryStream();
                using (var stream = entry.Open())
                    stream.CopyTo(content);
                using var output = target.CreateEntry(entry.FullName).Open();
                output.Write(edit(entry.FullName, content.ToArray()));
            }
        }
        return result.ToArray();
    }

    /// <summary>An honest zip of one entry of zeros: it compresses about a thousand to one, as a zip bomb does.</summary>
    private static byte[] Bomb(int uncompressedBytes)
    {
        using var result = new MemoryStream();
        using (var zip = new ZipArchive(result, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("TransformerChain/Model.key", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1 << 20];
            for (int written = 0; written < uncompressedBytes; written += zeros.Length)
                entry.Write(zeros);
        }
        return result.ToArray();
    }
}
