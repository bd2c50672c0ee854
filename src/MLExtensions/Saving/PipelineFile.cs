using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Engine.Serialization;
using MLExtensions.Saving;
using MLExtensions.Transforms;

namespace MLExtensions;

/// <summary>
/// Saves a whole fitted pipeline — ML.NET's transformers and ours, in any order — as one file, and loads it back as a
/// <see cref="TransformerChain{ITransformer}"/>. Runs of ML.NET transformers go through ML.NET's own
/// <see cref="ModelOperationsCatalog.Save(ITransformer, DataViewSchema, Stream)"/>; ours through <see cref="TransformerFile"/>.
/// Nested chains are flattened; transformer scopes are not kept.
/// <para>The file is a <see cref="ModelContainer"/> of kind <c>pipeline</c>: its manifest lists every segment with its
/// size and SHA-256 — first <c>input-schema.mlnet</c> (an empty ML.NET chain that carries the input schema), then one
/// segment per step, <c>000.mlext</c> for a transformer of ours and <c>001.mlnet</c> for a run of ML.NET's — and the
/// whole file is verified before any loader, ours or ML.NET's, sees a byte of it. An edited, reordered, truncated or
/// extended file is refused with a message naming the part that is wrong.</para>
/// </summary>
public static class PipelineFile
{
    internal const string Kind = "pipeline";
    internal const string InputSchemaSegment = "input-schema.mlnet";
    internal const string OursSuffix = ".mlext";
    internal const string MLNetSuffix = ".mlnet";
    private const string Description = "pipeline file";

    /// <summary>Saves to <paramref name="filePath"/> through a temporary file beside it, so a failed save leaves no half-written
    /// file; an existing file is replaced.</summary>
    /// <param name="catalog">The model operations catalog of an <c>MLContext</c> (<c>mlContext.Model</c>).</param>
    /// <param name="model">The fitted pipeline: one transformer or a chain, nested chains allowed.</param>
    /// <param name="inputSchema">The schema of the data the pipeline is applied to.</param>
    /// <param name="filePath">Where to write.</param>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/>, <paramref name="model"/>, <paramref name="inputSchema"/>
    /// or <paramref name="filePath"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="filePath"/> is empty.</exception>
    public static void SavePipeline(this ModelOperationsCatalog catalog, ITransformer model, DataViewSchema inputSchema, string filePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        var segments = Segments(catalog, model, inputSchema);
        string temporary = $"{filePath}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = File.Create(temporary))
                ModelContainer.Write(stream, Kind, segments);
            File.Move(temporary, filePath, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Saves the pipeline to <paramref name="stream"/>. Every segment is made before the first byte is written, so a
    /// step that cannot be saved leaves the stream untouched.</summary>
    /// <param name="catalog">The model operations catalog of an <c>MLContext</c> (<c>mlContext.Model</c>).</param>
    /// <param name="model">The fitted pipeline: one transformer or a chain, nested chains allowed.</param>
    /// <param name="inputSchema">The schema of the data the pipeline is applied to.</param>
    /// <param name="stream">A writable stream; it is left open.</param>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/>, <paramref name="model"/>, <paramref name="inputSchema"/>
    /// or <paramref name="stream"/> is null.</exception>
    public static void SavePipeline(this ModelOperationsCatalog catalog, ITransformer model, DataViewSchema inputSchema, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        // Every segment is made before the first byte is written: a transformer that cannot be saved leaves the stream untouched.
        ModelContainer.Write(stream, Kind, Segments(catalog, model, inputSchema));
    }

    private static List<ModelSegment> Segments(ModelOperationsCatalog catalog, ITransformer model, DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputSchema);

        var transformers = PipelineSteps.Flatten(model).ToList();
        var segments = new List<ModelSegment>
        {
            // An empty ML.NET chain carries the pipeline's input schema through ML.NET's own format.
            new(InputSchemaSegment, SaveMLNet(catalog, new TransformerChain<ITransformer>(), inputSchema)),
        };

        var schema = inputSchema;
        int index = 0;
        for (int start = 0; start < transformers.Count;)
        {
            bool ours = TransformerFile.CanSave(transformers[start]);
            int end = start;
            while (end < transformers.Count && TransformerFile.CanSave(transformers[end]) == ours)
                end++;
            var run = transformers.GetRange(start, end - start);
            if (ours)
            {
                foreach (var transformer in run)
                {
                    using var bytes = new MemoryStream();
                    TransformerFile.Save(transformer, bytes);
                    segments.Add(new ModelSegment($"{index++:D3}{OursSuffix}", bytes.ToArray()));
                    schema = transformer.GetOutputSchema(schema);
                }
            }
            else
            {
                var chain = new TransformerChain<ITransformer>(run.ToArray());
                segments.Add(new ModelSegment($"{index++:D3}{MLNetSuffix}", SaveMLNet(catalog, chain, schema)));
                schema = chain.GetOutputSchema(schema);
            }
            start = end;
        }
        return segments;
    }

    private static byte[] SaveMLNet(ModelOperationsCatalog catalog, ITransformer chain, DataViewSchema schema)
    {
        using var bytes = new MemoryStream();
        catalog.Save(chain, schema, bytes);
        return bytes.ToArray();
    }

    /// <summary>Loads a pipeline saved by <see cref="SavePipeline(ModelOperationsCatalog, ITransformer, DataViewSchema, string)"/>
    /// from <paramref name="filePath"/>, as <see cref="LoadPipeline(ModelOperationsCatalog, Stream, out DataViewSchema)"/> does.</summary>
    /// <param name="catalog">The model operations catalog of an <c>MLContext</c> (<c>mlContext.Model</c>).</param>
    /// <param name="filePath">The file to read.</param>
    /// <param name="inputSchema">The schema of the data the pipeline was saved for.</param>
    /// <returns>The pipeline's steps as one flat chain.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> or <paramref name="filePath"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="filePath"/> is empty.</exception>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="filePath"/>.</exception>
    /// <exception cref="InvalidDataException">The file is damaged, edited or foreign, or ML.NET cannot load one of its segments.</exception>
    public static TransformerChain<ITransformer> LoadPipeline(this ModelOperationsCatalog catalog, string filePath, out DataViewSchema inputSchema)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        using var stream = File.OpenRead(filePath);
        return catalog.LoadPipeline(stream, out inputSchema);
    }

    /// <summary>
    /// Loads a pipeline saved by <see cref="SavePipeline(ModelOperationsCatalog, ITransformer, DataViewSchema, Stream)"/>.
    /// Every failure — a damaged, edited or foreign file, or a segment ML.NET cannot load — is an
    /// <see cref="InvalidDataException"/> naming the part at fault.
    /// </summary>
    /// <param name="catalog">The model operations catalog of an <c>MLContext</c> (<c>mlContext.Model</c>).</param>
    /// <param name="stream">A readable stream positioned at the start of the file; it is left open.</param>
    /// <param name="inputSchema">The schema of the data the pipeline was saved for.</param>
    /// <returns>The pipeline's steps as one flat chain.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> or <paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidDataException">The file is damaged, edited or foreign, or ML.NET cannot load one of its segments.</exception>
    public static TransformerChain<ITransformer> LoadPipeline(this ModelOperationsCatalog catalog, Stream stream, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(stream);
        var (_, segments) = ModelContainer.ReadSegments(stream, Kind, Description);
        if (segments.Count == 0 || segments[0].Name != InputSchemaSegment)
            throw new InvalidDataException(
                $"This {Description}'s first segment is {(segments.Count == 0 ? "missing" : $"'{segments[0].Name}'")}, not '{InputSchemaSegment}'.");

        string Label(int i, string what) => $"segment '{segments[i].Name}' ({i + 1} of {segments.Count}, {what}) of this {Description}";

        var schemaCarrier = MLNetSegment.Load(catalog, segments[0], Label(0, "the input schema"), out inputSchema);
        if (schemaCarrier is IEnumerable<ITransformer> carried && carried.Any())
            throw new InvalidDataException($"{Label(0, "the input schema")} holds transformers; it should hold an empty chain.");

        var schema = inputSchema;
        var transformers = new List<ITransformer>();
        for (int i = 1; i < segments.Count; i++)
        {
            string name = segments[i].Name;
            string expected = $"{i - 1:D3}";
            bool ours = name == expected + OursSuffix;
            if (!ours && name != expected + MLNetSuffix)
                throw new InvalidDataException(
                    $"Segment {i + 1} of {segments.Count} of this {Description} is named '{name}', not '{expected}{OursSuffix}' or '{expected}{MLNetSuffix}'.");
            if (ours)
            {
                string label = Label(i, "an MLExtensions transformer");
                ITransformer transformer;
                try
                {
                    transformer = TransformerFile.Load(new MemoryStream(segments[i].Bytes, writable: false));
                }
                catch (InvalidDataException e)
                {
                    throw new InvalidDataException($"{Capitalized(label)} cannot be loaded: {e.Message}", e);
                }
                schema = OutputSchema(transformer, schema, label);
                transformers.Add(transformer);
            }
            else
            {
                string label = Label(i, "ML.NET transformers");
                var chain = MLNetSegment.Load(catalog, segments[i], label, out var savedInput);
                MLNetSegment.CheckInputSchema(savedInput, schema, label);
                schema = OutputSchema(chain, schema, label);
                transformers.AddRange(PipelineSteps.Flatten(chain));
            }
        }
        return new TransformerChain<ITransformer>(transformers.ToArray());
    }

    /// <summary>The step's output for the columns the steps before it produce; a step that cannot take them is refused now, not at scoring.</summary>
    private static DataViewSchema OutputSchema(ITransformer transformer, DataViewSchema input, string label)
    {
        try
        {
            return transformer.GetOutputSchema(input);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException(
                $"{Capitalized(label)} cannot take the columns the steps before it produce ({e.Message}): its steps are out of order or belong to another pipeline.", e);
        }
    }

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
