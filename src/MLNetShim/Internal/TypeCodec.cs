using Microsoft.ML.Data;

namespace Microsoft.ML.Internal;

/// <summary>Writes and reads column types in the shim's own model format.</summary>
internal static class TypeCodec
{
    private const byte Number = 1, Boolean = 2, Text = 3, Key = 4, Vector = 5, RowId = 6;

    internal static bool CanWrite(DataViewType type)
        => type is NumberDataViewType or BooleanDataViewType or TextDataViewType or KeyDataViewType or RowIdDataViewType
            || (type is VectorDataViewType v && CanWrite(v.ItemType));

    internal static void Write(BinaryWriter writer, DataViewType type)
    {
        switch (type)
        {
            case NumberDataViewType:
                writer.Write(Number);
                writer.Write(type.RawType.FullName!);
                break;
            case BooleanDataViewType:
                writer.Write(Boolean);
                break;
            case TextDataViewType:
                writer.Write(Text);
                break;
            case RowIdDataViewType:
                writer.Write(RowId);
                break;
            case KeyDataViewType key:
                writer.Write(Key);
                writer.Write(key.RawType.FullName!);
                writer.Write(key.Count);
                break;
            case VectorDataViewType vector:
                writer.Write(Vector);
                Write(writer, vector.ItemType);
                writer.Write(vector.Dimensions.Length);
                foreach (int d in vector.Dimensions)
                    writer.Write(d);
                break;
            default:
                throw new NotSupportedException($"The shim cannot save columns of type {type}.");
        }
    }

    internal static DataViewType Read(BinaryReader reader)
    {
        byte tag = reader.ReadByte();
        switch (tag)
        {
            case Number:
                return ColumnTypeHelpers.NumberTypeOf(ResolveRaw(reader.ReadString()));
            case Boolean:
                return BooleanDataViewType.Instance;
            case Text:
                return TextDataViewType.Instance;
            case RowId:
                return RowIdDataViewType.Instance;
            case Key:
                return new KeyDataViewType(ResolveRaw(reader.ReadString()), reader.ReadUInt64());
            case Vector:
                var item = (PrimitiveDataViewType)Read(reader);
                var dims = new int[reader.ReadInt32()];
                for (int i = 0; i < dims.Length; i++)
                    dims[i] = reader.ReadInt32();
                return new VectorDataViewType(item, dims);
            default:
                throw new InvalidDataException($"Unknown column type tag {tag}.");
        }
    }

    private static Type ResolveRaw(string fullName)
        => Type.GetType(fullName) ?? throw new InvalidDataException($"Unknown raw type '{fullName}'.");
}
