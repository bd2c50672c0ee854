using Microsoft.ML.Data;

namespace Microsoft.ML.Internal;

/// <summary>
/// Saves a schema with its annotations (those of primitive or vector-of-primitive type, which covers
/// KeyValues and SlotNames); used for the model's input schema and by transforms that keep annotations.
/// </summary>
internal static class SchemaCodec
{
    internal static void Write(BinaryWriter writer, DataViewSchema schema)
    {
        writer.Write(schema.Count);
        foreach (var column in schema)
        {
            writer.Write(column.Name);
            TypeCodec.Write(writer, column.Type);
            WriteAnnotations(writer, column.Annotations);
        }
    }

    internal static DataViewSchema Read(BinaryReader reader)
    {
        var builder = new DataViewSchema.Builder();
        int count = reader.ReadInt32();
        for (int i = 0; i < count; i++)
        {
            string name = reader.ReadString();
            var type = TypeCodec.Read(reader);
            builder.AddColumn(name, type, ReadAnnotations(reader));
        }
        return builder.ToSchema();
    }

    internal static void WriteAnnotations(BinaryWriter writer, DataViewSchema.Annotations annotations)
    {
        var savable = annotations.Schema.Where(c => TypeCodec.CanWrite(c.Type)).ToArray();
        writer.Write(savable.Length);
        foreach (var column in savable)
        {
            writer.Write(column.Name);
            TypeCodec.Write(writer, column.Type);
            if (column.Type is VectorDataViewType vector)
                GenericDispatch.Invoke(typeof(SchemaCodec), nameof(WriteVector), new[] { vector.ItemType.RawType }, writer, annotations, column);
            else
                GenericDispatch.Invoke(typeof(SchemaCodec), nameof(WriteScalar), new[] { column.Type.RawType }, writer, annotations, column);
        }
    }

    internal static DataViewSchema.Annotations ReadAnnotations(BinaryReader reader)
    {
        var builder = new DataViewSchema.Annotations.Builder();
        int count = reader.ReadInt32();
        for (int i = 0; i < count; i++)
        {
            string name = reader.ReadString();
            var type = TypeCodec.Read(reader);
            var getter = type is VectorDataViewType vector
                ? (Delegate)GenericDispatch.Invoke(typeof(SchemaCodec), nameof(ReadVector), new[] { vector.ItemType.RawType }, reader)!
                : (Delegate)GenericDispatch.Invoke(typeof(SchemaCodec), nameof(ReadScalar), new[] { type.RawType }, reader)!;
            builder.Add(name, type, getter);
        }
        return builder.ToAnnotations();
    }

    private static void WriteScalar<T>(BinaryWriter writer, DataViewSchema.Annotations annotations, DataViewSchema.Column column)
    {
        T value = default!;
        annotations.GetGetter<T>(column)(ref value);
        ValueCodec.Write(writer, RawValues.Normalize(value));
    }

    private static void WriteVector<T>(BinaryWriter writer, DataViewSchema.Annotations annotations, DataViewSchema.Column column)
    {
        VBuffer<T> value = default;
        annotations.GetGetter<VBuffer<T>>(column)(ref value);
        WriteBuffer(writer, value);
    }

    internal static void WriteBuffer<T>(BinaryWriter writer, in VBuffer<T> value)
    {
        writer.Write(value.Length);
        var values = value.GetValues();
        writer.Write(values.Length);
        foreach (var item in values)
            ValueCodec.Write(writer, RawValues.Normalize(item));
        if (!value.IsDense)
        {
            foreach (int index in value.GetIndices())
                writer.Write(index);
        }
    }

    internal static VBuffer<T> ReadBuffer<T>(BinaryReader reader)
    {
        int length = reader.ReadInt32();
        var values = new T[reader.ReadInt32()];
        for (int i = 0; i < values.Length; i++)
            values[i] = RawValues.Denormalize<T>(ValueCodec.Read(reader, typeof(T)));
        int[]? indices = null;
        if (values.Length != length)
        {
            indices = new int[values.Length];
            for (int i = 0; i < indices.Length; i++)
                indices[i] = reader.ReadInt32();
        }
        return new VBuffer<T>(length, values.Length, values, indices);
    }

    private static ValueGetter<T> ReadScalar<T>(BinaryReader reader)
    {
        var value = RawValues.Denormalize<T>(ValueCodec.Read(reader, typeof(T)));
        return (ref T destination) => destination = value;
    }

    private static ValueGetter<VBuffer<T>> ReadVector<T>(BinaryReader reader)
    {
        var value = ReadBuffer<T>(reader);
        return (ref VBuffer<T> destination) => value.CopyTo(ref destination);
    }
}
