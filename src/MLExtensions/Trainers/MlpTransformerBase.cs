using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Data;
using MLExtensions.Engine.Layers;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Parallelism;
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

    /// <summary>The current row's raw network outputs and what the loss turns them into (probabilities, values).</summary>
    private protected sealed class ScoredRow
    {
        public ScoredRow(int outputs)
        {
            Raw = new float[outputs];
            Transformed = new float[outputs];
        }

        public float[] Raw { get; }
        public float[] Transformed { get; }
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
            var network = _owner.Model.Network;
            var inference = _owner.Model.Inference;
            var loss = _owner.Model.Loss;
            var standardization = _owner.Model.LabelStandardization;
            var reader = _features.CreateReader(input, "scored");
            var workspace = new NetworkWorkspace(network, 1);
            var featureBuffer = new float[network.InputSize];
            var scored = new ScoredRow(network.OutputSize);
            long scoredPosition = -1;
            bool scoredAny = false;

            ScoredRow Current()
            {
                if (!scoredAny || scoredPosition != input.Position)
                {
                    reader.Read(featureBuffer, input.Position);
                    if (!inference.IsCurrent)
                        inference = _owner.Model.Inference;
                    var raw = inference.Forward(workspace, featureBuffer, 1);
                    raw.CopyTo(scored.Raw);
                    loss.OutputTransform(scored.Raw, scored.Transformed, 1, network.OutputSize);
                    standardization?.Restore(scored.Transformed);
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
    }

    /// <summary>
    /// Scores an ordered cursor's rows a block at a time: a second cursor of its own reads the features ahead, since an
    /// ordered cursor of a data view sees the same rows in the same order, and one batched forward pass scores the block.
    /// A row's scores are bitwise those of scoring it alone. Blocks the reader skips are read past but not scored.
    /// </summary>
    private sealed class BlockScorer : IDisposable
    {
        private const int BlockRows = 128;

        private readonly MlpModelParameters _model;
        private readonly DataViewRow _input;
        private readonly DataViewRowCursor _ahead;
        private readonly FloatColumn.Reader _reader;
        private readonly NetworkWorkspace _workspace;
        private readonly float[] _features, _raw, _transformed;
        private readonly ScoredRow _row;
        private readonly int _inputs, _outputs;
        private long _blockStart;
        private int _blockRows;
        private bool _blockScored;
        private long _rowPosition = -1;
        private WorkerPool? _pool;
        private LayerContext? _context;

        public BlockScorer(MlpModelParameters model, FloatColumn features, IDataView source, DataViewRow input)
        {
            _model = model;
            _input = input;
            _ahead = source.GetRowCursor(new[] { features.Column });
            _reader = features.CreateReader(_ahead, "scored");
            _inputs = model.Network.InputSize;
            _outputs = model.Network.OutputSize;
            _workspace = new NetworkWorkspace(model.Network, BlockRows);
            _features = new float[BlockRows * _inputs];
            _raw = new float[BlockRows * _outputs];
            _transformed = new float[BlockRows * _outputs];
            _row = new ScoredRow(_outputs);
        }

        public ScoredRow Current()
        {
            long position = _input.Position;
            if (position == _rowPosition)
                return _row;
            if (position < _blockStart)
                throw new InvalidOperationException("The cursor moved back to an earlier row, which an ordered cursor cannot do.");
            while (position >= _blockStart + _blockRows)
                ReadBlock();
            if (!_blockScored)
                ScoreBlock();
            int offset = (int)(position - _blockStart) * _outputs;
            _raw.AsSpan(offset, _outputs).CopyTo(_row.Raw);
            _transformed.AsSpan(offset, _outputs).CopyTo(_row.Transformed);
            _rowPosition = position;
            return _row;
        }

        private void ReadBlock()
        {
            _blockStart += _blockRows;
            _blockRows = 0;
            _blockScored = false;
            while (_blockRows < BlockRows && _ahead.MoveNext())
            {
                _reader.Read(_features.AsSpan(_blockRows * _inputs, _inputs), _ahead.Position);
                _blockRows++;
            }
            if (_blockRows == 0)
                throw new InvalidOperationException(
                    "Two ordered cursors of the data being scored disagree on its rows: the one reading ahead ran out first.");
        }

        private void ScoreBlock()
        {
            if (_context is null)
            {
                // The pool is made with the first block, so a cursor that scores nothing starts no thread.
                _pool = _model.ScoringThreads > 1 ? new WorkerPool(_model.ScoringThreads) : null;
                _context = LayerContext.Inference(_pool);
            }
            var raw = _model.Network.Forward(_workspace, _context, _features, _blockRows);
            raw.CopyTo(_raw);
            // Row by row, as a row scored alone is: a vectorized pass over the whole block would round some rows'
            // probabilities differently from the scalar path a single row takes.
            for (int row = 0; row < _blockRows; row++)
            {
                var transformed = _transformed.AsSpan(row * _outputs, _outputs);
                _model.Loss.OutputTransform(_raw.AsSpan(row * _outputs, _outputs), transformed, 1, _outputs);
                _model.LabelStandardization?.Restore(transformed);
            }
            _blockScored = true;
        }

        public void Dispose()
        {
            _ahead.Dispose();
            _pool?.Dispose();
        }
    }
}
