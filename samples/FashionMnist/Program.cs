// The reference experiment of Géron, Hands-On Machine Learning (ch. 10), as it is usually run in PyTorch and
// scikit-learn: Fashion-MNIST, pixels/255, validation = the first 5,000 training images, training = the other
// 55,000; Dense(300, relu) → Dense(100, relu) → Dense(10, softmax), Glorot-uniform weights, zero biases, sparse
// categorical cross-entropy, 10 epochs, shuffled every epoch. --config sgd: SGD 0.01, batch 32;
// --config adam: Adam 1e-3, batch 128. Prints per-epoch figures and a final RESULT line.
// --mode engine (the default) trains on the engine directly, as a head-to-head with those libraries runs it; --mode pipeline runs
// the same experiment through an ML.NET pipeline with live progress, ML.NET's evaluator, baselines and plots
// (see PipelineExperiment.cs; --plots DIR, --baseline-rows N).
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FashionMnist;
using MLExtensions.Engine.Activations;
using MLExtensions.Engine.Initializers;
using MLExtensions.Engine.Layers;
using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Optimizers;
using MLExtensions.Engine.Parallelism;
using MLExtensions.Engine.Randomness;
using MLExtensions.Engine.Training;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string config = "sgd", dataDirectory = "/usr/share/datasets/fashion-mnist", mode = "engine", plots = Path.Combine("artifacts", "fashion-mnist");
int threads = 2, epochs = 10, baselineRows = 5_000;
ulong seed = 42;
for (int i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--config": config = Next(); break;
        case "--threads": threads = int.Parse(Next()); break;
        case "--epochs": epochs = int.Parse(Next()); break;
        case "--seed": seed = ulong.Parse(Next()); break;
        case "--data": dataDirectory = Next(); break;
        case "--mode": mode = Next(); break;
        case "--plots": plots = Next(); break;
        case "--baseline-rows": baselineRows = int.Parse(Next()); break;
        default: throw new ArgumentException($"unknown argument '{args[i]}' (use --config sgd|adam --threads N --epochs N --seed N --data DIR --mode engine|pipeline --plots DIR --baseline-rows N)");
    }
}
if (config is not ("sgd" or "adam"))
    throw new ArgumentException("--config must be sgd or adam");
if (mode is not ("engine" or "pipeline"))
    throw new ArgumentException("--mode must be engine or pipeline");
if (baselineRows < 100)
    throw new ArgumentException("--baseline-rows must be at least 100");

string[] files = { "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz" };
var missing = files.Where(f => !File.Exists(Path.Combine(dataDirectory, f))).ToArray();
if (missing.Length > 0)
{
    Console.Error.WriteLine($"Fashion-MNIST is not in {dataDirectory} (missing {string.Join(", ", missing)}).");
    Console.Error.WriteLine("Install it with:  apt-get install dataset-fashion-mnist   (Debian's package puts it in /usr/share/datasets/fashion-mnist), or pass --data DIR.");
    return 2;
}

var (trainImages, trainLabels) = Load("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz");
var (testImages, testLabels) = Load("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
if (mode == "pipeline")
{
    var result = PipelineExperiment.Run(config, threads, epochs, seed, trainImages, trainLabels, testImages, testLabels, baselineRows, Path.GetFullPath(plots));
    Console.WriteLine("RESULT " + JsonSerializer.Serialize(result));
    return 0;
}
const int validationRows = 5000, pixels = 784;
var validation = Slice(trainImages, trainLabels, 0, validationRows);
var training = Slice(trainImages, trainLabels, validationRows, trainLabels.Length - validationRows);
var test = new TrainingData(testImages, pixels, testLabels, 1);

var random = new RandomSource(seed);
var network = new Network(pixels,
    new DenseLayer(300, Activation.FromName("relu"), kernelInitializer: new GlorotUniform()),
    new DenseLayer(100, Activation.FromName("relu"), kernelInitializer: new GlorotUniform()),
    new DenseLayer(10, kernelInitializer: new GlorotUniform()));
network.InitializeParameters(random);
var loss = new SoftmaxCrossEntropyLoss();
(Optimizer optimizer, int batch) = config == "sgd" ? ((Optimizer)new Sgd(0.01f), 32) : (new Adam(1e-3f), 128);

Console.WriteLine($"Fashion-MNIST {config}: {training.RowCount} training, {validation.RowCount} validation, {test.RowCount} test rows; batch {batch}, {threads} thread(s)");
using var trainer = new MiniBatchTrainer(network, loss, optimizer, batch, threads, random.NextUInt64());
using var pool = threads > 1 ? new WorkerPool(threads) : null;
var evaluator = new NetworkEvaluator(network, loss, 1024, pool);
var epochSeconds = new List<double>();
var perEpoch = new List<object>();
for (int epoch = 1; epoch <= epochs; epoch++)
{
    var clock = Stopwatch.StartNew();
    double trainLoss = trainer.TrainEpoch(training);
    clock.Stop();
    double trainAccuracy = trainer.Metric.Result;
    var (validationLoss, validationAccuracy) = evaluator.Evaluate(validation);
    epochSeconds.Add(clock.Elapsed.TotalSeconds);
    perEpoch.Add(new { epoch, train_loss = trainLoss, train_acc = trainAccuracy, val_loss = validationLoss, val_acc = validationAccuracy, epoch_s = clock.Elapsed.TotalSeconds });
    Console.WriteLine($"epoch {epoch,2}: train loss {trainLoss:F4} acc {trainAccuracy:F4}  val loss {validationLoss:F4} acc {validationAccuracy:F4}  {clock.Elapsed.TotalSeconds:F2} s ({training.RowCount / clock.Elapsed.TotalSeconds / 1000:F1}k samples/s)");
}
var (testLoss, testAccuracy) = evaluator.Evaluate(test);
var sorted = epochSeconds.OrderBy(s => s).ToArray();
double median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
Console.WriteLine($"test loss {testLoss:F4} acc {testAccuracy:F4}; median epoch {median:F2} s = {training.RowCount / median / 1000:F1}k samples/s");
Console.WriteLine("RESULT " + JsonSerializer.Serialize(new
{
    peer = "mlextensions", config, threads, batch, seed, test_loss = testLoss, test_acc = testAccuracy,
    median_epoch_s = median, samples_per_s = training.RowCount / median, epochs = perEpoch,
}));
return 0;

(float[] Images, float[] Labels) Load(string imagesFile, string labelsFile)
{
    var imageBytes = IdxReader.Read(Path.Combine(dataDirectory, imagesFile), out _);
    var labelBytes = IdxReader.Read(Path.Combine(dataDirectory, labelsFile), out _);
    var images = new float[imageBytes.Length];
    for (int i = 0; i < images.Length; i++)
        images[i] = imageBytes[i] / 255f;
    return (images, labelBytes.Select(b => (float)b).ToArray());
}

static TrainingData Slice(float[] images, float[] labels, int start, int count) =>
    new(images.AsSpan(start * pixels, count * pixels).ToArray(), pixels, labels.AsSpan(start, count).ToArray(), 1);
