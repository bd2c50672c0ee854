using System.Diagnostics;
using System.Text.Json;

namespace MLExtensions.Onnx.Tests.Support;

/// <summary>
/// Runs tests/MLExtensions.Onnx.PlainMLNet — a program that references only Microsoft.ML and its ONNX transformer —
/// as a separate process on a saved ML.NET zip, and returns what it predicted through PredictionEngine.
/// </summary>
internal static class PlainMLNetProcess
{
    private static string ProgramPath()
    {
        // Built beside this test project's output: artifacts/bin/<project>/<configuration>/<framework>/.
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string framework = here.Name, configuration = here.Parent!.Name;
        string path = Path.Combine(here.Parent.Parent!.Parent!.FullName, "MLExtensions.Onnx.PlainMLNet", configuration, framework, "MLExtensions.Onnx.PlainMLNet.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"The plain ML.NET program was not built at {path}.");
    }

    public static JsonElement Predict(string modelPath, string task, string featureColumn, float[][] rows)
    {
        string directory = Path.Combine(Path.GetTempPath(), $"mlext-plain-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            string requests = Path.Combine(directory, "requests.json"), predictions = Path.Combine(directory, "predictions.json");
            File.WriteAllText(requests, JsonSerializer.Serialize(new { FeatureColumn = featureColumn, Rows = rows }));
            var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var argument in new[] { ProgramPath(), modelPath, task, requests, predictions })
                start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            // Both pipes are drained while the process runs (a full pipe would block it), and the wait comes before
            // the reads are awaited, so a hung program is killed rather than hanging the test run.
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(120_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("The plain ML.NET program did not finish in two minutes.");
            }
            Task.WaitAll(error, output);
            Assert.True(process.ExitCode == 0, $"The plain ML.NET program failed ({process.ExitCode}): {error.Result}");
            return JsonDocument.Parse(File.ReadAllText(predictions)).RootElement.Clone();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
