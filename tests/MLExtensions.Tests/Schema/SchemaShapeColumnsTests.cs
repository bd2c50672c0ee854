using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Schema;

namespace MLExtensions.Tests.Schema;

public class SchemaShapeColumnsTests
{
    [Fact]
    public void CreateGivesAColumnWithEveryPartAsRequested()
    {
        var annotations = new SchemaShape(new[]
        {
            SchemaShapeColumns.Create("SlotNames", SchemaShape.Column.VectorKind.Vector, TextDataViewType.Instance, isKey: false),
        });
        var column = SchemaShapeColumns.Create("Score", SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, isKey: false, annotations);

        Assert.Equal("Score", column.Name);
        Assert.Equal(SchemaShape.Column.VectorKind.Vector, column.Kind);
        Assert.Equal(NumberDataViewType.Single, column.ItemType);
        Assert.False(column.IsKey);
        Assert.Equal("SlotNames", Assert.Single(column.Annotations).Name);
    }

    [Fact]
    public void KeyColumnsKeepTheirKeyFlag()
    {
        var column = SchemaShapeColumns.Create("PredictedLabel", SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.UInt32, isKey: true);
        Assert.True(column.IsKey);
        Assert.Equal(SchemaShape.Column.VectorKind.Scalar, column.Kind);
    }

    [Fact]
    public void WithReplacesColumnsOfTheSameNameAndFindSeesTheNewOne()
    {
        var shape = new SchemaShape(new[]
        {
            SchemaShapeColumns.Create("Features", SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false),
            SchemaShapeColumns.Create("Score", SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.Double, false),
        });
        var updated = SchemaShapeColumns.With(shape,
            SchemaShapeColumns.Create("Score", SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.Single, false));

        Assert.Equal(2, updated.Count);
        Assert.True(SchemaShapeColumns.TryFind(updated, "Score", out var score));
        Assert.Equal(NumberDataViewType.Single, score.ItemType);
        Assert.False(SchemaShapeColumns.TryFind(updated, "Label", out _));
    }

    [Fact]
    public void TheColumnConstructorStaysInternalAsInMLNet()
    {
        // If ML.NET ever made it public, the reflection helper would be unnecessary; if the shim did, code
        // could compile here that fails against the real package.
        Assert.Empty(typeof(SchemaShape.Column).GetConstructors());
    }
}
