using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Data;
using MLExtensions.Engine.Networks;
using MLExtensions.Transforms.Mapping;

namespace MLExtensions.Trainers;

/// <summary>
/// A fitted MLP as an ML.NET transformer: scores a row only when one of the output columns is read, and once
/// per row however many are read. It is an ML.NET prediction transformer
/// (<see cref="ISingleFeaturePredictionTransformer{TModel}"/>), so <c>model.LastTransformer.Model</c> gives the trained
/// parameters and ML.NET's typed <c>PermutationFeatureImportance</c> overload accepts it.
/// </summary>
public abstract class MlpTransformerBase : MappingTransformerBase, ISingleFeaturePredictionTransformer<MlpModelParameters>
{
    private protected MlpTransformerBase(MlpModelParameters model, string featureColumnName)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        ArgumentException.ThrowIfNullOrEmpty(featureColumnName);
        FeatureColumnName = featureColumnName;
    }

    /// <summary>The trained network, its training history and what its outputs mean.</summary>
    public MlpModelParameters Model { get; }

    /// <summary>The column the network reads its inputs from.</summary>
    public string FeatureColumnName { get; }

    /// <summary>The type the network reads: a known-size vector of <see cref="MlpModelParameters.FeatureCount"/> Singles
    /// (a Single feature column is read as a vector of one).</summary>
    public DataViewType FeatureColumnType => new VectorDataViewType(NumberDataViewType.Single, Model.FeatureCount);

    private protected override string FormatKind => Saving.MlpModelFile.Kind;

    private protected override void WritePayload(BinaryWriter writer) => Saving.MlpModelFile.Write(this, writer);

    /// <summary>The columns this transformer adds.</summary>
    private protected abstract IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns { get; }

    /// <summary>A getter for output <paramref name="output"/> reading the current row's scores from <paramref name="score"/>.</summary>
    private protected abstract Delegate MakeGetter(int output, Func<ScoredRow> score);

    internal override ColumnMapper CreateMapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return new ScoringMapper(this, inputSchema, FloatColumn.Rebind(inputSchema, FeatureColumnName, "feature", nameof(inputSchema), Model.FeatureCount));
    }

    private sealed class ScoringMapper : ColumnMapper
    {
        private readonly MlpTransformerBase _owner;
        private readonly FloatColumn _features;

        public ScoringMapper(MlpTransformerBase owner, DataViewSchema inputSchema, FloatColumn features)
            : base(inputSchema)
        {
            _owner = owner;
            _features = features;
        }

        public override IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns => _owner.OutputColumns;

        public override IEnumerable<DataViewSchema.Column> Dependencies(IReadOnlyList<bool> activeOutputs) =>
            activeOutputs.Any(a => a) ? new[] { _features.Column } : Array.Empty<DataViewSchema.Column>();

        public override Delegate?[] CreateGetters(DataViewRow input, IReadOnlyList<bool> activeOutputs)
        {
            var getters = new Delegate?[activeOutputs.Count];
            if (!activeOutputs.Any(a => a))
                return getters;

            // Per-cursor state: the network is shared and read-only, the workspace and buffers are this cursor's.
            var model = _owner.Model;
            var reader = _features.CreateReader(input, "scored");
            var workspace = new NetworkWorkspace(model.Network, 1);
            var featureBuffer = new float[model.Network.InputSize];
            var scored = new ScoredRow(model.Network.OutputSize);
            long scoredPosition = -1;
            bool scoredAny = false;

            ScoredRow Current()
            {
                if (!scoredAny || scoredPosition != input.Position)
                {
                    reader.Read(featureBuffer, input.Position);
                    ScoringPass.Run(model, workspace, ScoringPass.Serial, featureBuffer, scored.Raw, scored.Transformed, 1);
                    scoredPosition = input.Position;
                    scoredAny = true;
                }
                return scored;
            }

            for (int i = 0; i < getters.Length; i++)
                if (activeOutputs[i])
                    getters[i] = _owner.MakeGetter(i, Current);
            return getters;
        }

        public override (Delegate?[] Getters, IDisposable? Resources) CreateCursorGetters(
            DataViewRowCursor input, IDataView source, IReadOnlyList<bool> activeOutputs)
        {
            var getters = new Delegate?[activeOutputs.Count];
            if (!activeOutputs.Any(a => a))
                return (getters, null);
            var scorer = new BlockScorer(_owner.Model, _features, source, input);
            for (int i = 0; i < getters.Length; i++)
                if (activeOutputs[i])
                    getters[i] = _owner.MakeGetter(i, scorer.Current);
            return (getters, scorer);
        }

        public override RowBlockMapper? CreateBlockMapper(DataViewRowCursor input, IReadOnlyList<bool> activeOutputs) =>
            new RowBlockScorer(_owner.Model, _features, input, _owner.MakeGetter);
    }
}
