using System.Globalization;
using MLExtensions.Tests.Reliability.Fuzzing;

// Damages saved models on purpose and loads them: every load must be refused with an InvalidDataException or give a
// model identical to the original, within the time and memory bounds. With --resealed, each mutation is made inside one
// segment and the file's digests are recomputed, so it reaches the segment's parser as a forged file would; a model that
// then loads differently is what the file says (Altered), and only unclean ends, hangs and memory count as bad. Usage:
//   dotnet run --project samples/ModelFileFuzz -c Release -- [--mutations N] [--seed S] [--file transformer|pipeline|both] [--resealed]
int mutations = 20_000, seed = 1;
string which = "both";
bool resealed = false;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--mutations": mutations = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--seed": seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--file": which = args[++i]; break;
        case "--resealed": resealed = true; break;
        default:
            Console.Error.WriteLine($"unknown argument '{args[i]}'; use --mutations N, --seed S, --file transformer|pipeline|both, --resealed");
            return 2;
    }
}
if (which is not ("transformer" or "pipeline" or "both"))
{
    Console.Error.WriteLine($"--file takes transformer, pipeline or both, not '{which}'");
    return 2;
}

var subjects = new FuzzSubjects();
var runs = new List<(string Name, LoadFuzzer Fuzzer)>();
if (which is "transformer" or "both")
    runs.Add(("MLP transformer file", subjects.TransformerFuzzer()));
if (which is "pipeline" or "both")
    runs.Add(("pipeline file (ML.NET segments and ours)", subjects.PipelineFuzzer()));

int bad = 0;
int perRun = which == "both" ? mutations / 2 : mutations;
foreach (var (name, fuzzer) in runs)
{
    Console.WriteLine($"{name}: {perRun} {(resealed ? "resealed " : "")}mutations, seed {seed}, time bound {fuzzer.TimeBound.TotalSeconds} s, memory bound {fuzzer.MemoryBound / (1 << 20)} MiB per load");
    var report = resealed ? fuzzer.RunResealed(perRun, seed) : fuzzer.Run(perRun, seed);
    Console.Write(report);
    bad += report.Bad;
}
Console.WriteLine(bad == 0
    ? resealed ? "RESULT: every load was refused cleanly or loaded a model" : "RESULT: every load was refused cleanly or gave the identical model"
    : $"RESULT: {bad} loads ended badly");
return bad == 0 ? 0 : 1;
