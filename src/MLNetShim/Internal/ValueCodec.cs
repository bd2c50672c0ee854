using Microsoft.ML.Data;

namespace Microsoft.ML.Internal;

/// <summary>Writes and reads normalized scalar values (see <see cref="RawValues"/>) for the shim's model format.</summary>
internal static class ValueCodec
{
    internal static void Write(BinaryWriter writer, object value)
    {
        switch (value)
        {
            case string s: writer.Write(s); break;
            case float f: writer.Write(f); break;
            case double d: writer.Write(d); break;
            case sbyte v: writer.Write(v); break;
            case byte v: writer.Write(v); break;
            case short v: writer.Write(v); break;
            case ushort v: writer.Write(v); break;
            case int v: writer.Write(v); break;
            case uint v: writer.Write(v); break;
            case long v: writer.Write(v); break;
            case ulong v: writer.Write(v); break;
            case bool v: writer.Write(v); break;
            case DataViewRowId id:
                writer.Write(id.Low);
                writer.Write(id.High);
                break;
            default:
                throw new NotSupportedException($"The shim cannot save values of type {value.GetType()}.");
        }
    }

    /// <summary>Reads a value whose raw column type is <paramref name="rawType"/>, in normalized form.</summary>
    internal static object Read(BinaryReader reader, Type rawType)
    {
        if (rawType == typeof(ReadOnlyMemory<char>)) return reader.ReadString();
        if (rawType == typeof(float)) return reader.ReadSingle();
        if (rawType == typeof(double)) return reader.ReadDouble();
        if (rawType == typeof(sbyte)) return reader.ReadSByte();
        if (rawType == typeof(byte)) return reader.ReadByte();
        if (rawType == typeof(short)) return reader.ReadInt16();
        if (rawType == typeof(ushort)) return reader.ReadUInt16();
        if (rawType == typeof(int)) return reader.ReadInt32();
        if (rawType == typeof(uint)) return reader.ReadUInt32();
        if (rawType == typeof(long)) return reader.ReadInt64();
        if (rawType == typeof(ulong)) return reader.ReadUInt64();
        if (rawType == typeof(bool)) return reader.ReadBoolean();
        if (rawType == typeof(DataViewRowId)) return new DataViewRowId(reader.ReadUInt64(), reader.ReadUInt64());
        throw new NotSupportedException($"The shim cannot load values of type {rawType}.");
    }
}
