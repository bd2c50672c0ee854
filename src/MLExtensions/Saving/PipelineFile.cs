using System.IO.Compression;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;

using MLExtensions.Saving;

namespace MLExtensions;

/// <summary>
/// Saves a whole fitted pipeline — ML.NET's transformers and ours, in any order — as one zip file, and loads
/// it back as a <see cref="TransformerChain{ITransformer}"/>. Runs of ML.NET transformers go through ML.NET's
/// own <see cref="ModelOperationsCatalog.Save(ITransformer, DataViewSchema, Stream)"/>; ours through
/// <see cref="TransformerFile"/>. Nested chains are flattened; transformer scopes are not kept.
/// </summary>
public static class PipelineFile
{
    private const string ManifestEntry = "manifest.txt";
    private const string InputSchemaEntry = "input-schema.mlnet.zip";
    private const string FormatLine = "MLExtensions pipeline v1";

    public static void SavePipeline(this ModelOperationsCatalog catalog, ITransformer model, DataViewSchema inputSchema, string filePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        using var stream = File.Create(filePath);
        catalog.SavePipeline(model, inputSchema, stream);
    }

    public static void SavePipeline(this ModelOperationsCatalog catalog, ITransformer model, DataViewSchema inputSchema, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(stream);

        var transformers = Flatten(model).ToList();
        var manifest = new StringBuilder().AppendLine(FormatLine);
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);

        // An empty ML.NET chain carries the pipeline's input schema through ML.NET's own format.
        using (var entry = zip.CreateEntry(InputSchemaEntry).Open())
            catalog.Save(new TransformerChain<ITransformer>(), inputSchema, entry);

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
                    string name = $"{index++:D3}.mlext";
                    using (var entry = zip.CreateEntry(name).Open())
                        TransformerFile.Save(transformer, entry);
                    manifest.AppendLine($"mlext {name}");
                    schema = transformer.GetOutputSchema(schema);
                }
            }
            else
            {
                string name = $"{index++:D3}.mlnet.zip";
                var chain = new TransformerChain<ITransformer>(run.ToArray());
                using (var entry = zip.CreateEntry(name).Open())
                    catalog.Save(chain, schema, entry);
                manifest.AppendLine($"mlnet {name}");
                schema = chain.GetOutputSchema(schema);
            }
            start = end;
        }

        using var manifestStream = zip.CreateEntry(ManifestEntry).Open();
        manifestStream.Write(Encoding.UTF8.GetBytes(manifest.ToString()));
    }

    public static TransformerChain<ITransformer> LoadPipeline(this ModelOperationsCatalog catalog, string filePath, out DataViewSchema inputSchema)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        using var stream = File.OpenRead(filePath);
        return catalog.LoadPipeline(stream, out inputSchema);
    }

    public static TransformerChain<ITransformer> LoadPipeline(this ModelOperationsCatalog catalog, Stream stream, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(stream);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException("This is not an MLExtensions pipeline file (it is not a zip archive).", e);
        }
        using (zip)
        {
            var manifestEntry = zip.GetEntry(ManifestEntry)
                ?? throw new InvalidDataException($"This zip is not an MLExtensions pipeline file: it has no {ManifestEntry}.");
            string[] lines;
            using (var reader = new StreamReader(manifestEntry.Open(), Encoding.UTF8))
                lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (lines.Length == 0 || lines[0] != FormatLine)
                throw new InvalidDataException($"This pipeline file's manifest starts with '{lines.FirstOrDefault()}', not '{FormatLine}'.");

            LoadMLNet(catalog, zip, InputSchemaEntry, out inputSchema);
            var transformers = new List<ITransformer>();
            foreach (var line in lines.Skip(1))
            {
                var parts = line.Split(' ', 2);
                if (parts.Length != 2)
                    throw new InvalidDataException($"This pipeline file's manifest has a malformed line '{line}'.");
                switch (parts[0])
                {
                    case "mlext":
                        using (var entry = OpenEntry(zip, parts[1]))
                        using (var buffered = new MemoryStream())
                        {
                            entry.CopyTo(buffered);
                            buffered.Position = 0;
                            transformers.Add(TransformerFile.Load(buffered));
                        }
                        break;
                    case "mlnet":
                        transformers.AddRange(Flatten(LoadMLNet(catalog, zip, parts[1], out _)));
                        break;
                    default:
                        throw new InvalidDataException($"This pipeline file's manifest names an unknown segment kind '{parts[0]}'.");
                }
            }
            return new TransformerChain<ITransformer>(transformers.ToArray());
        }
    }

    private static ITransformer LoadMLNet(ModelOperationsCatalog catalog, ZipArchive zip, string name, out DataViewSchema schema)
    {
        // ML.NET's loader wants a seekable stream; zip entry streams are not.
        using var entry = OpenEntry(zip, name);
        using var buffered = new MemoryStream();
        entry.CopyTo(buffered);
        buffered.Position = 0;
        return catalog.Load(buffered, out schema);
    }

    private static Stream OpenEntry(ZipArchive zip, string name) =>
        (zip.GetEntry(name) ?? throw new InvalidDataException($"This pipeline file lacks its segment '{name}'.")).Open();

    private static IEnumerable<ITransformer> Flatten(ITransformer transformer)
    {
        if (transformer is IEnumerable<ITransformer> chain)
        {
            foreach (var inner in chain)
                foreach (var flat in Flatten(inner))
                    yield return flat;
        }
        else
        {
            yield return transformer;
        }
    }
}
