using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions.Data;

/// <summary>Writes the targets of the current row (its position given for error messages).</summary>
internal delegate void TargetReader(long position, Span<float> target);

/// <summary>
/// A label column read as the engine's float targets: a bool becomes 0/1 (binary), a key becomes its
/// 0-based class index (multiclass), a float or known-size float vector stays as it is (regression).
/// </summary>
internal abstract class LabelColumn
{
    protected LabelColumn(DataViewSchema.Column column, int width)
    {
        Column = column;
        Width = width;
    }

    public DataViewSchema.Column Column { get; }

    /// <summary>Target values per row.</summary>
    public int Width { get; }

    /// <summary>Returns a reader writing the current row's targets; it throws naming the row for an invalid label.</summary>
    public abstract TargetReader CreateReader(DataViewRow row);

    public static LabelColumn Boolean(DataViewSchema schema, string name)
    {
        var column = ColumnLookup.Require(schema, name, "label");
        if (column.Type != BooleanDataViewType.Instance)
            throw new ArgumentOutOfRangeException(nameof(name),
                $"The binary classification label column '{name}' must be Boolean; it holds {column.Type}.");
        return new BooleanLabel(column);
    }

    public static KeyLabel Key(DataViewSchema schema, string name)
    {
        var column = ColumnLookup.Require(schema, name, "label");
        if (column.Type is not KeyDataViewType key)
            throw new ArgumentOutOfRangeException(nameof(name),
                $"The multiclass label column '{name}' must be a key type, as ML.NET's multiclass trainers require (use " +
                $"mlContext.Transforms.Conversion.MapValueToKey(\"{name}\")); it holds {column.Type}.");
        if (key.Count < 2 || key.Count > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(name), $"The label key type of '{name}' has {key.Count} values; at least 2 classes are needed.");
        return new KeyLabel(column, (int)key.Count);
    }

    public static LabelColumn Numeric(DataViewSchema schema, string name)
    {
        var column = ColumnLookup.Require(schema, name, "label");
        if (column.Type == NumberDataViewType.Single)
            return new SingleLabel(column);
        if (column.Type is VectorDataViewType { ItemType: var item, IsKnownSize: true, Size: > 0 } vector && item == NumberDataViewType.Single)
            return new VectorLabel(column, vector.Size);
        throw new ArgumentOutOfRangeException(nameof(name),
            $"The regression label column '{name}' must be Single (float) or a known-size vector of Single; it holds {column.Type}.");
    }

    private sealed class BooleanLabel : LabelColumn
    {
        public BooleanLabel(DataViewSchema.Column column) : base(column, 1) { }

        public override TargetReader CreateReader(DataViewRow row)
        {
            var getter = row.GetGetter<bool>(Column);
            return (_, target) =>
            {
                bool value = false;
                getter(ref value);
                target[0] = value ? 1f : 0f;
            };
        }
    }

    internal sealed class KeyLabel : LabelColumn
    {
        public KeyLabel(DataViewSchema.Column column, int classCount) : base(column, 1) => ClassCount = classCount;

        public int ClassCount { get; }

        public override TargetReader CreateReader(DataViewRow row)
        {
            var read = KeyReader.Create(row, Column);
            string name = Column.Name;
            int classes = ClassCount;
            return (position, target) =>
            {
                ulong key = read();
                if (key == 0)
                    throw new InvalidOperationException(
                        $"Row {position} of label column '{name}' has a missing label (key 0): the value was not among the label's keys. " +
                        "The usual cause is a [KeyType(N)] property on a class loaded with LoadFromEnumerable: ML.NET reads those values as " +
                        "0-based (value v becomes key v + 1, and a value of N or more becomes key 0), so 1-based values lose their last class. " +
                        "Store 0..N-1, or remove such rows, or map them to a class.");
                if (key > (ulong)classes)
                    throw new InvalidOperationException($"Row {position} of label column '{name}' holds key {key}, beyond the key type's {classes} values.");
                target[0] = key - 1;
            };
        }
    }

    private sealed class SingleLabel : LabelColumn
    {
        public SingleLabel(DataViewSchema.Column column) : base(column, 1) { }

        public override TargetReader CreateReader(DataViewRow row)
        {
            var getter = row.GetGetter<float>(Column);
            string name = Column.Name;
            return (position, target) =>
            {
                float value = 0;
                getter(ref value);
                if (!float.IsFinite(value))
                    throw new InvalidOperationException($"Row {position} of label column '{name}' is {value}; regression labels must be finite.");
                target[0] = value;
            };
        }
    }

    private sealed class VectorLabel : LabelColumn
    {
        public VectorLabel(DataViewSchema.Column column, int width) : base(column, width) { }

        public override TargetReader CreateReader(DataViewRow row)
        {
            var getter = row.GetGetter<VBuffer<float>>(Column);
            var buffer = default(VBuffer<float>);
            string name = Column.Name;
            return (position, target) =>
            {
                getter(ref buffer);
                if (buffer.Length != target.Length)
                    throw new InvalidOperationException(
                        $"Row {position} of label column '{name}' holds a vector of {buffer.Length} values, but the column's type declares {target.Length}.");
                buffer.CopyTo(target);
                foreach (float value in target)
                    if (!float.IsFinite(value))
                        throw new InvalidOperationException($"Row {position} of label column '{name}' holds {value}; regression labels must be finite.");
            };
        }
    }
}
