using Microsoft.ML;

namespace MLExtensions.Transforms;

/// <summary>
/// The payload of a saved scaling transformer: a tag naming the transformer, then its columns (each with its
/// own kind tag, shape and statistics as doubles, so a reloaded transformer computes bit-identical values).
/// </summary>
internal static class ScalingFile
{
    public const string Kind = "scaling-transformer";

    public static void Write(ScalingTransformerBase transformer, BinaryWriter writer)
    {
        writer.Write(transformer.FileTag);
        transformer.WriteState(writer);
    }

    public static ITransformer Read(BinaryReader reader)
    {
        string tag = reader.ReadString();
        return tag switch
        {
            StandardizingTransformer.Tag => StandardizingTransformer.ReadState(reader),
            MinMaxScalingTransformer.Tag => MinMaxScalingTransformer.ReadState(reader),
            InverseScalingTransformer.Tag => InverseScalingTransformer.ReadState(reader),
            _ => throw new InvalidDataException($"The saved scaling transformer has an unknown tag '{tag}'."),
        };
    }

    public static void WriteColumns(BinaryWriter writer, IReadOnlyList<ScaledColumn> columns)
    {
        writer.Write(columns.Count);
        foreach (var column in columns)
            column.Write(writer);
    }

    public static TColumn[] ReadColumns<TColumn>(BinaryReader reader) where TColumn : ScaledColumn
    {
        int count = ReadCount(reader);
        var columns = new TColumn[count];
        for (int i = 0; i < count; i++)
        {
            var column = ScaledColumn.Read(reader);
            columns[i] = column as TColumn
                ?? throw new InvalidDataException($"The saved column '{column.OutputColumnName}' is a {column.GetType().Name}, not a {typeof(TColumn).Name}.");
        }
        return columns;
    }

    public static int ReadCount(BinaryReader reader)
    {
        int count = reader.ReadInt32();
        if (count < 1)
            throw new InvalidDataException($"The saved scaling transformer has {count} columns: the file is corrupt.");
        return count;
    }
}
