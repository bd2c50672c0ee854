using Microsoft.ML;

namespace MLExtensions.Distributed;

/// <summary>A data view as bytes in ML.NET's binary IDataView format (values, schema and annotations exactly) and back, as
/// an in-memory view; how a fold's scored rows come back from the silo that scored them.</summary>
internal static class DataViewBytes
{
    public static byte[] Save(MLContext mlContext, IDataView data)
    {
        using var stream = new MemoryStream();
        mlContext.Data.SaveAsBinary(data, stream, keepHidden: false);
        return stream.ToArray();
    }

    public static IDataView Load(MLContext mlContext, byte[] bytes) => mlContext.Data.LoadFromBinary(new InMemoryStreamSource(bytes));
}
