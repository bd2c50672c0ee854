using Microsoft.ML.Data;
using Microsoft.ML.Internal;
using Microsoft.ML.Runtime;

namespace Microsoft.ML;

/// <summary>
/// Runs a transformer on one object at a time through its row-to-row mapper, reusing a single input row
/// and the output getters across calls (so it is not thread-safe, as in ML.NET).
/// </summary>
public abstract class PredictionEngineBase<TSrc, TDst> : IDisposable
    where TSrc : class
    where TDst : class, new()
{
    private readonly ObjectRow<TSrc> _input;
    private readonly DataViewRow _output;
    private readonly Action<object>[] _setters;
    private readonly bool _ownsTransformer;
    private bool _disposed;

    private protected PredictionEngineBase(IHostEnvironment env, ITransformer transformer, bool ignoreMissingColumns,
        DataViewSchema? inputSchema = null, bool ownsTransformer = true)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(transformer);
        if (!transformer.IsRowToRowMapper)
            throw new InvalidOperationException("Must be a row-to-row mapper");
        Transformer = transformer;
        _ownsTransformer = ownsTransformer;

        var members = MemberBinding.For(typeof(TSrc), read: true, write: false);
        var builder = new DataViewSchema.Builder();
        if (inputSchema != null)
        {
            var byName = members.ToDictionary(m => m.ColumnName);
            var bound = new List<MemberBinding>();
            foreach (var column in inputSchema)
            {
                if (!byName.TryGetValue(column.Name, out var member))
                    throw new ArgumentOutOfRangeException(nameof(inputSchema), $"No field or property of '{typeof(TSrc)}' provides column '{column.Name}'.");
                bound.Add(member.WithColumnType(column.Type));
                builder.AddColumn(column.Name, column.Type, column.Annotations);
            }
            members = bound.ToArray();
        }
        else
        {
            foreach (var member in members)
                builder.AddColumn(member.ColumnName, member.ColumnType);
        }
        _input = new ObjectRow<TSrc>(members, builder.ToSchema());

        var mapper = transformer.GetRowToRowMapper(_input.Schema);
        OutputSchema = mapper.OutputSchema;
        var outputs = DataOperationsCatalog.BindOutput(MemberBinding.For(typeof(TDst), read: false, write: true), OutputSchema, ignoreMissingColumns);
        _output = mapper.GetRow(_input, outputs.Select(o => o.Column));
        _setters = outputs.Select(o => MemberAccess.MakeSetter(o.Binding, _output, o.Column)).ToArray();
    }

    public DataViewSchema OutputSchema { get; }

    private protected ITransformer Transformer { get; }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _output.Dispose();
        if (_ownsTransformer)
            (Transformer as IDisposable)?.Dispose();
    }

    public TDst Predict(TSrc example)
    {
        var prediction = new TDst();
        Predict(example, ref prediction);
        return prediction;
    }

    public abstract void Predict(TSrc example, ref TDst prediction);

    private protected void ExtractValues(TSrc example)
    {
        ArgumentNullException.ThrowIfNull(example);
        ObjectDisposedException.ThrowIf(_disposed, this);
        _input.Set(example);
    }

    private protected void FillValues(TDst prediction)
    {
        foreach (var set in _setters)
            set(prediction);
    }
}
