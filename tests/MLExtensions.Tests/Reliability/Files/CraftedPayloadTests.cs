using System.Text;
using MLExtensions.Saving;
using MLExtensions.Tests.Support;

namespace MLExtensions.Tests.Reliability.Files;

/// <summary>
/// Files whose every digest is correct but whose contents lie: counts and sizes far beyond the bytes there, layers too
/// large for memory, parts that do not fit together. Each is refused with an <see cref="InvalidDataException"/> before it
/// allocates for the claim. The payloads are written here byte by byte, following the documented layout of an MLP
/// transformer's payload, independently of the library's writer.
/// </summary>
public class CraftedPayloadTests
{
    /// <summary>An MLP transformer payload: task, feature column, key values, skipped rows, label standardization, network,
    /// loss and history. Every part can be replaced.</summary>
    private sealed class MlpPayload
    {
        public string Task = "binary";
        public Action<BinaryWriter> KeyValues = w => w.Write(false);
        public Action<BinaryWriter> Standardization = w => w.Write(0);
        public int InputSize = 2;
        public Action<BinaryWriter> Layers = w =>
        {
            w.Write(1);
            Dense(w, units: 1);
        };
        public Action<BinaryWriter> Parameters = w => Floats(w, 3);
        public Action<BinaryWriter> Loss = w =>
        {
            Config(w, "binary_cross_entropy", ("label_smoothing", 0));
            w.Write(0);
        };
        public Action<BinaryWriter> History = w =>
        {
            w.Write(0);
            w.Write("Completed 1 epochs.");
            w.Write(-1);
            w.Write(0);
        };
        public byte[] Trailing = Array.Empty<byte>();

        public byte[] File()
        {
            using var payload = new MemoryStream();
            using (var w = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
            {
                w.Write(Task);
                w.Write("Features");
                KeyValues(w);
                w.Write(0L);
                Standardization(w);
                w.Write(InputSize);
                Layers(w);
                Parameters(w);
                Floats(w, 0);
                Loss(w);
                History(w);
                w.Write(Trailing);
            }
            return ModelFileLayout.Seal("mlp-transformer", new[] { ("payload", payload.ToArray()) });
        }

        public static void Dense(BinaryWriter w, int units, string activation = "identity")
        {
            w.Write("dense");
            w.Write(true);
            w.Write(units);
            w.Write(true);
            Config(w, activation);
            Config(w, "glorot_uniform");
            Config(w, "zeros");
            w.Write(false);
            w.Write(false);
            w.Write(false);
            w.Write(0f);
        }

        public static void Config(BinaryWriter w, string name, params (string Key, double Value)[] parameters)
        {
            w.Write(name);
            w.Write(parameters.Length);
            foreach (var (key, value) in parameters)
            {
                w.Write(key);
                w.Write(value);
            }
        }

        public static void Floats(BinaryWriter w, int count)
        {
            w.Write(count);
            for (int i = 0; i < count; i++)
                w.Write(0.5f);
        }
    }

    [Fact]
    public void TheHandWrittenPayloadLoadsAsABinaryModel()
    {
        var model = Assert.IsType<MLExtensions.Trainers.MlpBinaryTransformer>(TransformerFile.Load(new MemoryStream(new MlpPayload().File())));
        Assert.Equal(2, model.Model.FeatureCount);
        // One dense unit over two inputs: two weights and a bias, each 0.5 as written.
        Assert.Equal(new[] { 0.5f, 0.5f, 0.5f }, model.Model.Network.Parameters.ToArray());
    }

    public static TheoryData<string, string> Lies => new()
    {
        { "a 32768 × 32768 dense layer", "parameters by layer 1" },
        { "a 65536 × 65536 dense layer, whose weights wrap to zero in 32 bits", "more than one buffer holds" },
        { "a batch normalization of 500,000,000 features", "state values by layer 1" },
        { "a billion label names", "label key values number 1000000000" },
        { "a billion standardized targets", "standardized targets number 1000000000" },
        { "a billion parameters", "values of an array number 1000000000" },
        { "a billion layers", "network layers number 1000000000" },
        { "a billion configuration parameters", "parameters of the configuration 'identity' number 1000000000" },
        { "a billion epochs of history", "epochs of the training history number 1000000000" },
        { "a binary model with three outputs", "a binary model has one output, not 3" },
        { "an activation that does not exist", "no_such_activation" },
        { "bytes after the transformer", "followed by 3 bytes it does not use" },
        { "no inputs", "declares 0 inputs" },
        { "a stop reason that does not exist", "unknown stop reason 99" },
        { "a best epoch that does not exist", "best epoch 5 is not one of its 0 epochs" },
        { "a class name that is not a number of the key type", "not a Single" },
    };

    [Theory]
    [MemberData(nameof(Lies))]
    public void APayloadThatPassesItsDigestsButLiesIsRefusedWithoutAllocatingForTheLie(string lie, string expected)
    {
        var payload = new MlpPayload();
        switch (lie)
        {
            case "a 32768 × 32768 dense layer":
                payload.InputSize = 32_768;
                payload.Layers = w => { w.Write(1); MlpPayload.Dense(w, units: 32_768); };
                break;
            case "a 65536 × 65536 dense layer, whose weights wrap to zero in 32 bits":
                payload.InputSize = 65_536;
                payload.Layers = w => { w.Write(1); MlpPayload.Dense(w, units: 65_536); };
                break;
            case "a batch normalization of 500,000,000 features":
                payload.InputSize = 500_000_000;
                payload.Layers = w =>
                {
                    w.Write(2);
                    w.Write("batch_normalization");
                    w.Write(true);
                    w.Write(0.99f);
                    w.Write(1e-3f);
                    MlpPayload.Dense(w, units: 1);
                };
                break;
            case "a billion label names":
                payload.Task = "multiclass";
                payload.KeyValues = w => { w.Write(true); w.Write("System.ReadOnlyMemory`1[[System.Char]]"); w.Write(1_000_000_000); };
                break;
            case "a billion standardized targets":
                payload.Task = "regression";
                payload.Standardization = w => w.Write(1_000_000_000);
                break;
            case "a billion parameters":
                payload.Parameters = w => w.Write(1_000_000_000);
                break;
            case "a billion layers":
                payload.Layers = w => w.Write(1_000_000_000);
                break;
            case "a billion configuration parameters":
                payload.Layers = w =>
                {
                    w.Write(1);
                    w.Write("dense");
                    w.Write(true);
                    w.Write(1);
                    w.Write(true);
                    w.Write("identity");
                    w.Write(1_000_000_000);
                };
                break;
            case "a billion epochs of history":
                payload.History = w => { w.Write(0); w.Write(""); w.Write(-1); w.Write(1_000_000_000); };
                break;
            case "a binary model with three outputs":
                payload.Layers = w => { w.Write(1); MlpPayload.Dense(w, units: 3); };
                payload.Parameters = w => MlpPayload.Floats(w, 9);
                break;
            case "an activation that does not exist":
                payload.Layers = w => { w.Write(1); MlpPayload.Dense(w, units: 1, activation: "no_such_activation"); };
                break;
            case "bytes after the transformer":
                payload.Trailing = new byte[] { 1, 2, 3 };
                break;
            case "no inputs":
                payload.InputSize = 0;
                break;
            case "a stop reason that does not exist":
                payload.History = w => { w.Write(99); w.Write(""); w.Write(-1); w.Write(0); };
                break;
            case "a best epoch that does not exist":
                payload.History = w => { w.Write(0); w.Write(""); w.Write(5); w.Write(0); };
                break;
            default:
                payload.Task = "multiclass";
                payload.KeyValues = w => { w.Write(true); w.Write("System.Single"); w.Write(2); w.Write("1.5"); w.Write("north"); };
                payload.Layers = w => { w.Write(1); MlpPayload.Dense(w, units: 2); };
                payload.Parameters = w => MlpPayload.Floats(w, 6);
                payload.Loss = w => { MlpPayload.Config(w, "softmax_cross_entropy", ("label_smoothing", 0)); w.Write(0); };
                break;
        }
        var file = payload.File();

        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidDataException>(() => TransformerFile.Load(new MemoryStream(file)));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains(expected, error.Message);
        Assert.True(allocated < 8 << 20, $"{lie}: allocated {allocated} bytes for a {file.Length}-byte file");
    }
}
