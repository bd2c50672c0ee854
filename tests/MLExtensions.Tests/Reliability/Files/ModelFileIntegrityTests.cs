using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using MLExtensions.Saving;
using MLExtensions.Tests.Support;
using MLExtensions.Trainers;

namespace MLExtensions.Tests.Reliability.Files;

/// <summary>
/// A single transformer's file: verified whole, every length checked against the bytes actually there before anything is
/// allocated, nothing accepted after its end, and the first format still read.
/// </summary>
public class ModelFileIntegrityTests
{
    private static byte[] Saved(MlpTransformerBase transformer)
    {
        using var stream = new MemoryStream();
        transformer.Save(stream);
        return stream.ToArray();
    }

    private static InvalidDataException Refused(byte[] bytes) =>
        Assert.Throws<InvalidDataException>(() => TransformerFile.Load(new MemoryStream(bytes)));

    [Fact]
    public void EveryFlippedByteIsRefusedNamingThePartItDamaged()
    {
        var original = Saved(Trained.Binary);
        var layout = ModelFileLayout.Of(original);
        var (_, payloadStart, payloadLength) = layout.Segment("payload");
        for (int at = 0; at < original.Length; at++)
        {
            var bytes = (byte[])original.Clone();
            bytes[at] ^= (byte)(1 << (at % 8));
            string message = Refused(bytes).Message;
            string expected = at < 8 ? "not an MLExtensions model file"
                : at < layout.ManifestDigestOffset + 32 ? "header"
                : at < payloadStart + payloadLength ? "segment 'payload'"
                : "digest at its end";
            // A damaged version or count can read as another number: the header still names itself.
            Assert.True(message.Contains(expected) || (expected == "header" && (message.Contains("manifest") || message.Contains("format version"))),
                $"byte {at}: {message}");
        }
    }

    [Fact]
    public void AFileCutAtAnyLengthIsRefusedAsTruncated()
    {
        var original = Saved(Trained.Multiclass);
        for (int length = 0; length < original.Length; length++)
        {
            string message = Refused(original[..length]).Message;
            Assert.True(message.Contains("truncated") || message.Contains("shorter than the file header"), $"{length} bytes: {message}");
        }
    }

    [Fact]
    public void BytesAfterTheEndAreRefusedOnSeekableAndStreamingInput()
    {
        var extended = Saved(Trained.Regression).Concat(new byte[] { 42 }).ToArray();
        Assert.Contains("goes on past its end", Refused(extended).Message);
        var streamed = Assert.Throws<InvalidDataException>(() => TransformerFile.Load(new ForwardOnlyStream(extended)));
        Assert.Contains("goes on past its end", streamed.Message);
    }

    [Fact]
    public void AStreamingLoadGivesTheSameModel()
    {
        var loaded = TransformerFile.Load<MlpRegressionTransformer>(new ForwardOnlyStream(Saved(Trained.Regression)));
        var data = Trained.RegressionTest(new Microsoft.ML.MLContext(1));
        Assert.Equal(Trained.Scores(new Microsoft.ML.MLContext(1), Trained.Regression, data), Trained.Scores(new Microsoft.ML.MLContext(1), loaded, data));
    }

    /// <summary>The first format's framing: a 42-byte file whose length field claims two billion bytes of payload.</summary>
    private static byte[] Version1Claiming(long payloadLength)
    {
        using var file = new MemoryStream();
        using (var writer = new BinaryWriter(file, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write("MLXTMDL\n"u8);
            writer.Write((ushort)1);
            writer.Write(MlpModelFileKind);
            writer.Write(payloadLength);
            writer.Write(new byte[42 - (int)file.Length]);
        }
        return file.ToArray();
    }

    private const string MlpModelFileKind = "mlp-transformer";

    [Fact]
    public void ALengthClaimingTwoBillionBytesIsRefusedWithoutAllocatingThem()
    {
        var bytes = Version1Claiming(2_000_000_000);
        Assert.Equal(42, bytes.Length);
        foreach (var stream in new Func<Stream>[] { () => new MemoryStream(bytes), () => new ForwardOnlyStream(bytes) })
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var error = Assert.Throws<InvalidDataException>(() => TransformerFile.Load(stream()));
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Contains("truncated", error.Message);
            // A streaming load cannot know the length in advance: it reads in chunks of at most a megabyte.
            Assert.True(allocated < 4 << 20, $"allocated {allocated} bytes");
        }
    }

    [Fact]
    public void AManifestClaimingTwoBillionBytesIsRefusedWithoutAllocatingThem()
    {
        var original = Saved(Trained.Binary);
        var layout = ModelFileLayout.Of(original);
        var bytes = (byte[])original.Clone();
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(layout.Entries[0].SizeOffset), 2_000_000_000);
        // Crafted: the manifest's digest recomputed, so the claim passes the manifest check and meets the bytes actually there.
        SHA256.HashData(bytes.AsSpan(0, layout.ManifestDigestOffset)).CopyTo(bytes.AsSpan(layout.ManifestDigestOffset));
        foreach (var stream in new Func<Stream>[] { () => new MemoryStream(bytes), () => new ForwardOnlyStream(bytes) })
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var error = Assert.Throws<InvalidDataException>(() => TransformerFile.Load(stream()));
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Contains("truncated", error.Message);
            Assert.True(allocated < 4 << 20, $"allocated {allocated} bytes");
        }
    }

    [Fact]
    public void FilesOfTheFirstFormatStillLoad()
    {
        var layout = ModelFileLayout.Of(Saved(Trained.Multiclass));
        var payload = layout.SegmentBytes("payload");
        using var file = new MemoryStream();
        using (var writer = new BinaryWriter(file, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write("MLXTMDL\n"u8);
            writer.Write((ushort)1);
            writer.Write(MlpModelFileKind);
            writer.Write((long)payload.Length);
            writer.Write(payload);
            writer.Write(SHA256.HashData(payload));
        }
        var loaded = TransformerFile.Load<MlpMulticlassTransformer>(new MemoryStream(file.ToArray()));
        var mlContext = new Microsoft.ML.MLContext(1);
        var data = Trained.MulticlassTest(mlContext);
        Assert.Equal(Trained.Scores(mlContext, Trained.Multiclass, data), Trained.Scores(mlContext, loaded, data));
    }

    [Fact]
    public void ANewerFormatVersionIsRefusedNamingIt()
    {
        var bytes = Saved(Trained.Binary);
        bytes[8] = 3;
        var error = Refused(bytes);
        Assert.Contains("format version 3", error.Message);
        Assert.Contains("newer MLExtensions", error.Message);
    }
}
