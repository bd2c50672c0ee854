using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace Microsoft.ML.Transforms;

/// <summary>Maps keys back to the values in their KeyValues annotation. Trivial: nothing to learn.</summary>
public sealed class KeyToValueMappingEstimator : TrivialEstimator<KeyToValueMappingTransformer>
{
    internal KeyToValueMappingEstimator(IHostEnvironment env, string outputColumnName, string? inputColumnName = null)
        : base(Register(env), new KeyToValueMappingTransformer(env, outputColumnName, inputColumnName))
    {
    }

    public override SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var result = new Dictionary<string, SchemaShape.Column>();
        foreach (var existing in inputSchema)
            result[existing.Name] = existing;
        foreach (var (outputName, inputName) in Transformer.ColumnPairs)
        {
            if (!inputSchema.TryFindColumn(inputName, out var input))
                throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Input column '{inputName}' not found");
            if (!input.IsKey)
                throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Column '{inputName}' has type {input.GetTypeString()}, but a key is required.");
            if (!input.Annotations.TryFindColumn("KeyValues", out var keyValues) || keyValues.Kind == SchemaShape.Column.VectorKind.Scalar)
                throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Key column '{inputName}' has no KeyValues annotation.");

            var annotations = new List<SchemaShape.Column>();
            if (input.Annotations.TryFindColumn("SlotNames", out var slotNames))
                annotations.Add(slotNames);
            result[outputName] = new SchemaShape.Column(outputName, input.Kind, keyValues.ItemType, keyValues.IsKey, new SchemaShape(annotations));
        }
        return new SchemaShape(result.Values);
    }

    private static IHost Register(IHostEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(env);
        return env.Register(nameof(KeyToValueMappingEstimator));
    }
}
