namespace MLExtensions.Distributed;

/// <summary>How a <see cref="ClusterDataSource"/>'s file is read.</summary>
public enum ClusterDataFormat
{
    /// <summary>ML.NET's binary IDataView format (<c>mlContext.Data.SaveAsBinary</c>): the schema, key types and annotations travel with the values.</summary>
    Binary,

    /// <summary>Delimited text, read by ML.NET's text loader with the columns given.</summary>
    Text,
}
