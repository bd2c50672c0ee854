// The MLP trainers' defaults against scikit-learn's MLP defaults and ML.NET's own trainers, on small and medium tabular
// data sets, under stratified 5-fold cross-validation with the very same folds for everybody.
//
//   dotnet run --project samples/TabularBenchmark -c Release [-- --data DIR] [--only iris,wine] [--seed N] [--set Field=Value ...]
//
// prepare.py (Debian's python3-sklearn and python3-numpy) writes the data sets with their folds and scikit-learn's
// results; this program trains the others on the same folds and prints one table. --set changes a field of the MLP
// options for every task (e.g. --set BatchSize=32 --set HiddenLayerSizes=100,100), to weigh other defaults.
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions;
using MLExtensions.Trainers;
using MLExtensions.Transforms;

var arguments = Arguments.Parse(args);
string dataDirectory = arguments.DataDirectory ?? Path.Combine(Path.GetTempPath(), "mlextensions-tabular-benchmark");
string peerResults = Path.Combine(dataDirectory, "sklearn.jsonl");
if (!File.Exists(peerResults))
    Prepare(dataDirectory);

var peers = File.ReadAllLines(peerResults).Select(line => JsonSerializer.Deserialize<PeerFold>(line)!).ToList();
var rows = new List<ResultRow>();
foreach (var dataSet in peers.Select(p => (p.dataset, p.task)).Distinct())
{
    if (arguments.Only is { } only && !only.Contains(dataSet.dataset))
        continue;
    var table = Table.Read(Path.Combine(dataDirectory, dataSet.dataset + ".csv"), dataSet.task);
    Console.Error.WriteLine($"{dataSet.dataset}: {table.Rows.Count} rows × {table.FeatureCount} features ({dataSet.task})");
    var peerFolds = peers.Where(p => p.dataset == dataSet.dataset).OrderBy(p => p.fold).ToList();
    rows.Add(ResultRow.Of(dataSet.dataset, table, "scikit-learn MLPClassifier/MLPRegressor (defaults)",
        peerFolds.Select(p => new FoldResult(p.accuracy, p.log_loss, p.r2, p.rmse, p.seconds)).ToList()));
    foreach (var system in Systems.For(table.Task, arguments.Settings, arguments.Seed))
        rows.Add(ResultRow.Of(dataSet.dataset, table, system.Name, Enumerable.Range(0, table.FoldCount).Select(k => system.Run(table, k)).ToList()));
}
Report.Print(rows);

static void Prepare(string directory)
{
    string script = Path.Combine(AppContext.BaseDirectory, "prepare.py");
    var start = new ProcessStartInfo("/usr/bin/python3", new[] { script, directory }) { RedirectStandardOutput = true };
    Console.Error.WriteLine($"Preparing the data sets and scikit-learn's results in {directory} ...");
    using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start /usr/bin/python3.");
    process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0)
        throw new InvalidOperationException(
            "prepare.py failed (see above). It needs scikit-learn and numpy: apt-get install python3-sklearn python3-numpy");
}

/// <summary>The command line: where the data goes, which data sets, which option changes.</summary>
internal sealed record Arguments(string? DataDirectory, HashSet<string>? Only, IReadOnlyList<(string Field, string Value)> Settings, int Seed)
{
    public static Arguments Parse(string[] args)
    {
        string? data = null;
        HashSet<string>? only = null;
        var settings = new List<(string, string)>();
        int seed = 0;
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--data": data = Next(); break;
                case "--only": only = Next().Split(',').ToHashSet(); break;
                case "--seed": seed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--set":
                    string setting = Next();
                    int equals = setting.IndexOf('=');
                    if (equals <= 0)
                        throw new ArgumentException($"--set takes Field=Value, not '{setting}'.");
                    settings.Add((setting[..equals], setting[(equals + 1)..]));
                    break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'. Use --data DIR, --only a,b, --seed N, --set Field=Value.");
            }
        }
        return new Arguments(data, only, settings, seed);
    }
}

/// <summary>One line of prepare.py's scikit-learn results.</summary>
internal sealed record PeerFold(string dataset, string task, int fold, double accuracy = double.NaN, double log_loss = double.NaN,
    double r2 = double.NaN, double rmse = double.NaN, double seconds = double.NaN);

/// <summary>A data set in memory with each row's fold, so every system trains on exactly the same rows.</summary>
internal sealed class Table
{
    public sealed class Row
    {
        public float[] Features = Array.Empty<float>();
        public float Target;
        public bool Positive;
        public int Fold;
    }

    public required string Task { get; init; }
    public required List<Row> Rows { get; init; }
    public int FeatureCount => Rows[0].Features.Length;
    public int FoldCount => Rows.Max(r => r.Fold) + 1;

    public static Table Read(string path, string task)
    {
        var lines = File.ReadAllLines(path);
        int features = lines[0].Split(',').Length - 2;
        var rows = lines.Skip(1).Select(line =>
        {
            var cells = line.Split(',');
            return new Row
            {
                Features = cells.Take(features).Select(c => float.Parse(c, CultureInfo.InvariantCulture)).ToArray(),
                Target = task == "binary" ? (cells[features] == "true" ? 1 : 0) : float.Parse(cells[features], CultureInfo.InvariantCulture),
                Positive = cells[features] == "true",
                Fold = int.Parse(cells[features + 1], CultureInfo.InvariantCulture),
            };
        }).ToList();
        return new Table { Task = task, Rows = rows };
    }

    public IDataView Load(MLContext ml, Func<Row, bool> include)
    {
        int width = FeatureCount;
        var schema = SchemaDefinition.Create(typeof(DataRow));
        schema[nameof(DataRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return ml.Data.LoadFromEnumerable(Rows.Where(include).Select(r => new DataRow
        {
            Features = r.Features,
            Label = r.Target,
            Positive = r.Positive,
        }).ToList(), schema);
    }

    public sealed class DataRow
    {
        public float[] Features { get; set; } = Array.Empty<float>();
        public float Label { get; set; }
        public bool Positive { get; set; }
    }
}

internal sealed record FoldResult(double Accuracy, double LogLoss, double RSquared, double Rmse, double Seconds);

/// <summary>A system under test: a name and how it trains and scores one fold.</summary>
internal sealed record Systems(string Name, Func<Table, int, FoldResult> Run)
{
    /// <param name="seed">Added to each fold's index to seed its MLContext: other seeds, other initial weights and orders.</param>
    public static IEnumerable<Systems> For(string task, IReadOnlyList<(string Field, string Value)> settings, int seed)
    {
        string changes = settings.Count == 0 ? "defaults" : string.Join(", ", settings.Select(s => $"{s.Field}={s.Value}"));
        yield return new Systems($"MLExtensions MLP ({changes})", (table, k) => Fold(table, k, seed, ml => Mlp(ml, task, settings)));
        yield return new Systems("ML.NET LightGbm (defaults)", (table, k) => Fold(table, k, seed, ml => task switch
        {
            "binary" => ml.BinaryClassification.Trainers.LightGbm(labelColumnName: "Positive"),
            "multiclass" => ml.Transforms.Conversion.MapValueToKey("LabelKey", "Label").Append(ml.MulticlassClassification.Trainers.LightGbm("LabelKey")),
            _ => ml.Regression.Trainers.LightGbm(),
        }));
        string linear = task switch { "binary" => "LbfgsLogisticRegression", "multiclass" => "LbfgsMaximumEntropy", _ => "Sdca" };
        yield return new Systems($"ML.NET {linear} (defaults, standardized)", (table, k) => Fold(table, k, seed, ml => ml.Transforms.Standardize("Features").Append(task switch
        {
            "binary" => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(labelColumnName: "Positive"),
            "multiclass" => ml.Transforms.Conversion.MapValueToKey("LabelKey", "Label").Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy("LabelKey")),
            _ => (IEstimator<ITransformer>)ml.Regression.Trainers.Sdca(),
        })));
    }

    private static IEstimator<ITransformer> Mlp(MLContext ml, string task, IReadOnlyList<(string Field, string Value)> settings)
    {
        var scaled = ml.Transforms.Standardize("Features");
        return task switch
        {
            "binary" => scaled.Append(ml.BinaryClassification.Trainers.Mlp(Set(new MlpBinaryTrainer.Options { LabelColumnName = "Positive" }, settings))),
            "multiclass" => scaled.Append(ml.Transforms.Conversion.MapValueToKey("LabelKey", "Label"))
                .Append(ml.MulticlassClassification.Trainers.Mlp(Set(new MlpMulticlassTrainer.Options { LabelColumnName = "LabelKey" }, settings))),
            _ => scaled.Append(ml.Regression.Trainers.Mlp(Set(new MlpRegressionTrainer.Options(), settings))),
        };
    }

    private static T Set<T>(T options, IReadOnlyList<(string Field, string Value)> settings)
    {
        foreach (var (name, text) in settings)
        {
            var field = typeof(T).GetField(name, BindingFlags.Public | BindingFlags.Instance)
                        ?? throw new ArgumentException($"The MLP options have no field '{name}'.");
            var type = Nullable.GetUnderlyingType(field.FieldType) ?? field.FieldType;
            object? value = text == "null" ? null
                : type == typeof(int[]) ? text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray()
                : type.IsEnum ? Enum.Parse(type, text)
                : Convert.ChangeType(text, type, CultureInfo.InvariantCulture);
            field.SetValue(options, value);
        }
        return options;
    }

    private static FoldResult Fold(Table table, int k, int seed, Func<MLContext, IEstimator<ITransformer>> pipeline)
    {
        var ml = new MLContext(seed: seed + k);
        var train = table.Load(ml, r => r.Fold != k);
        var test = table.Load(ml, r => r.Fold == k);
        var estimator = pipeline(ml);
        var clock = Stopwatch.StartNew();
        var model = estimator.Fit(train);
        double seconds = clock.Elapsed.TotalSeconds;
        var scored = model.Transform(test);
        switch (table.Task)
        {
            case "binary":
                var binary = ml.BinaryClassification.Evaluate(scored, labelColumnName: "Positive");
                // ML.NET's binary log-loss is in bits; the table reports natural logs throughout, as scikit-learn does.
                return new FoldResult(binary.Accuracy, binary.LogLoss * Math.Log(2), double.NaN, double.NaN, seconds);
            case "multiclass":
                var multiclass = ml.MulticlassClassification.Evaluate(scored, labelColumnName: "LabelKey");
                return new FoldResult(multiclass.MicroAccuracy, multiclass.LogLoss, double.NaN, double.NaN, seconds);
            default:
                var regression = ml.Regression.Evaluate(scored);
                return new FoldResult(double.NaN, double.NaN, regression.RSquared, regression.RootMeanSquaredError, seconds);
        }
    }
}

internal sealed record ResultRow(string DataSet, string Shape, string System, IReadOnlyList<FoldResult> Folds)
{
    public static ResultRow Of(string dataSet, Table table, string system, IReadOnlyList<FoldResult> folds) =>
        new(dataSet, $"{table.Rows.Count}×{table.FeatureCount}", system, folds);

    public (double Mean, double Sd) Of(Func<FoldResult, double> metric)
    {
        var values = Folds.Select(metric).ToArray();
        double mean = values.Average();
        return (mean, Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length));
    }
}

internal static class Report
{
    public static void Print(IReadOnlyList<ResultRow> rows)
    {
        static string Cell((double Mean, double Sd) v, string format) =>
            double.IsNaN(v.Mean) ? "" : $"{v.Mean.ToString(format, CultureInfo.InvariantCulture)} ± {v.Sd.ToString(format, CultureInfo.InvariantCulture)}";

        Console.WriteLine("| data set | rows×features | system | accuracy | log-loss | R² | RMSE | fit seconds |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            Console.WriteLine($"| {row.DataSet} | {row.Shape} | {row.System} | {Cell(row.Of(f => f.Accuracy), "0.000")} | " +
                              $"{Cell(row.Of(f => f.LogLoss), "0.000")} | {Cell(row.Of(f => f.RSquared), "0.000")} | " +
                              $"{Cell(row.Of(f => f.Rmse), "0.###")} | {row.Of(f => f.Seconds).Mean.ToString("0.00", CultureInfo.InvariantCulture)} |");
        }
        Console.WriteLine();
        foreach (var group in rows.GroupBy(r => r.DataSet))
        {
            var peer = group.First(r => r.System.StartsWith("scikit-learn", StringComparison.Ordinal));
            var ours = group.First(r => r.System.StartsWith("MLExtensions", StringComparison.Ordinal));
            bool regression = double.IsNaN(peer.Of(f => f.Accuracy).Mean);
            string verdict = regression
                ? Verdict(ours.Of(f => f.RSquared).Mean >= peer.Of(f => f.RSquared).Mean, $"R² {ours.Of(f => f.RSquared).Mean:0.000} vs {peer.Of(f => f.RSquared).Mean:0.000}")
                : Verdict(ours.Of(f => f.Accuracy).Mean >= peer.Of(f => f.Accuracy).Mean && ours.Of(f => f.LogLoss).Mean <= peer.Of(f => f.LogLoss).Mean + 0.01,
                    $"accuracy {ours.Of(f => f.Accuracy).Mean:0.000} vs {peer.Of(f => f.Accuracy).Mean:0.000}, log-loss {ours.Of(f => f.LogLoss).Mean:0.000} vs {peer.Of(f => f.LogLoss).Mean:0.000}");
            Console.WriteLine($"{group.Key}: {verdict}");
        }
    }

    private static string Verdict(bool atLeastAsGood, string figures) => (atLeastAsGood ? "at least scikit-learn's: " : "BELOW scikit-learn's: ") + figures;
}
