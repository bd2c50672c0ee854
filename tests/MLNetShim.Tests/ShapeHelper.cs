using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetShim.Tests;

/// <summary>Builds SchemaShape columns the only way outside code can: reflection on the internal constructor.</summary>
internal static class ShapeHelper
{
    private static readonly ConstructorInfo Ctor = typeof(SchemaShape.Column).GetConstructor(
        BindingFlags.Instance | BindingFlags.NonPublic, null,
        new[] { typeof(string), typeof(SchemaShape.Column.VectorKind), typeof(DataViewType), typeof(bool), typeof(SchemaShape) }, null)
        ?? throw new MissingMethodException("SchemaShape.Column internal constructor not found.");

    internal static SchemaShape.Column Column(string name, SchemaShape.Column.VectorKind kind, DataViewType itemType, bool isKey, SchemaShape? annotations = null)
        => (SchemaShape.Column)Ctor.Invoke(new object?[] { name, kind, itemType, isKey, annotations });

    internal static SchemaShape Scalars(params (string Name, DataViewType Type)[] columns)
        => new(columns.Select(c => Column(c.Name, SchemaShape.Column.VectorKind.Scalar, c.Type, false)));
}
