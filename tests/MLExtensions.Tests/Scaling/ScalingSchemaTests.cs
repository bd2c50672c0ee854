using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Schema;
using MLExtensions.Tests.Support;
using MLExtensions.Transforms;
using static MLExtensions.Tests.Scaling.ScalingTestData;
using static MLExtensions.Tests.Support.FloatColumns;

namespace MLExtensions.Tests.Scaling;

public class ScalingSchemaTests
{
    private readonly MLContext _ml = new(seed: 1);

    public static TheoryData<string> Scalers => new() { "standardize", "min-max" };

    private IEstimator<ITransformer> Scaler(string kind, string output, string? input = null) => kind == "standardize"
        ? _ml.Transforms.Standardize(output, input)
        : _ml.Transforms.ScaleMinMax(output, input);

    [Theory]
    [MemberData(nameof(Scalers))]
    public void OutputsAreMarkedNormalizedAndKeepTheInputSlotNames(string kind)
    {
        var data = VectorsWithSlotNames(_ml, new[] { "a", "b", "c" }, new[] { 1f, 2, 3 }, new[] { 2f, 4, 9 });
        var output = Scaler(kind, "Scaled", "Features").Fit(data).Transform(data);
        var column = output.Schema["Scaled"];

        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 3), column.Type);
        bool normalized = false;
        column.Annotations.GetValue("IsNormalized", ref normalized);
        Assert.True(normalized);
        Assert.Equal(BooleanDataViewType.Instance, column.Annotations.Schema["IsNormalized"].Type);
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        column.Annotations.GetValue("SlotNames", ref names);
        Assert.Equal(new[] { "a", "b", "c" }, names.DenseValues().Select(n => n.ToString()));
    }

    [Fact]
    public void ScalarOutputsAreFloatScalarsWithoutSlotNames()
    {
        var data = Scalars(_ml, 1, 2);
        var column = _ml.Transforms.Standardize("Z", "X").Fit(data).Transform(data).Schema["Z"];

        Assert.Equal(NumberDataViewType.Single, column.Type);
        Assert.Equal(new[] { "IsNormalized" }, column.Annotations.Schema.Select(c => c.Name));
    }

    [Fact]
    public void InverseOutputsAreNotMarkedNormalized()
    {
        var data = VectorsWithSlotNames(_ml, new[] { "a", "b", "c" }, new[] { 1f, 2, 3 }, new[] { 2f, 4, 9 });
        var model = _ml.Transforms.Standardize("Z", "Features").Fit(data);
        var column = model.GetInverse().Transform(model.Transform(data)).Schema["Features"];

        Assert.Equal(new[] { "SlotNames" }, column.Annotations.Schema.Select(c => c.Name));
    }

    [Theory]
    [MemberData(nameof(Scalers))]
    public void GetOutputSchemaAgreesWithTheRealOutputSchema(string kind)
    {
        var rows = new[] { new MixedRow { Features = new[] { 1f, 2 }, Y = 3, Ragged = new[] { 1f } } };
        foreach (var data in new[]
                 {
                     _ml.Data.LoadFromEnumerable(rows),
                     VectorsWithSlotNames(_ml, new[] { "a", "b", "c" }, new[] { 1f, 2, 3 }),
                 })
        {
            string input = data.Schema.GetColumnOrNull("Y") is null ? "Features" : "Y";
            var estimator = Scaler(kind, "Out", input);
            var predicted = estimator.GetOutputSchema(ShapeOf(data.Schema));
            var actual = ShapeOf(estimator.Fit(data).Transform(data).Schema);

            Assert.Equal(Describe(actual), Describe(predicted));
        }
    }

    [Fact]
    public void GetOutputSchemaRejectsWhatFitRejects()
    {
        var shape = ShapeOf(_ml.Data.LoadFromEnumerable(new[] { new MixedRow() }).Schema);

        Assert.Contains("'Count'", Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.Standardize("Count").GetOutputSchema(shape)).Message);
        var ragged = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.Standardize("Ragged").GetOutputSchema(shape));
        Assert.Equal("inputSchema", ragged.ParamName);
        Assert.StartsWith("The standardization input column 'Ragged' is a variable-size vector of Single; per-slot statistics need a known size.", ragged.Message);
        Assert.Contains("'Missing'", Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.ScaleMinMax("Missing").GetOutputSchema(shape)).Message);
    }

    [Theory]
    [InlineData("Count", "Int32")]
    [InlineData("Name", "String")]
    public void WrongInputTypesAreRefusedNamingTheColumnAndTheType(string columnName, string typeName)
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new MixedRow() });

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.Standardize("Out", columnName).Fit(data));
        Assert.Contains($"'{columnName}'", error.Message);
        Assert.Contains(typeName, error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.ScaleMinMax("Out", columnName).Fit(data));
    }

    [Fact]
    public void VariableSizeVectorsAndMissingColumnsAreRefused()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new MixedRow { Ragged = new[] { 1f } } });

        var ragged = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.Standardize("Ragged").Fit(data));
        Assert.Equal("input", ragged.ParamName);
        Assert.StartsWith("The standardization input column 'Ragged' is a variable-size vector of Single; per-slot statistics need a known size.", ragged.Message);
        var missing = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.Standardize("Nope").Fit(data));
        Assert.Contains("'Nope'", missing.Message);
        Assert.Contains("'Features'", missing.Message);
    }

    [Fact]
    public void ApplyingToDataOfAnotherShapeIsRefused()
    {
        var model = _ml.Transforms.Standardize("Features").Fit(Vectors(_ml, new[] { 1f, 2, 3 }));
        var twoSlots = _ml.Data.LoadFromEnumerable(new[] { new MixedRow { Features = new[] { 1f, 2 } } });

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.Transform(twoSlots));
        Assert.Contains("fitted on a vector of 3", error.Message);
    }

    [Fact]
    public void InfiniteTrainingValuesAndEmptyDataAreRefused()
    {
        var infinite = Assert.Throws<InvalidOperationException>(() =>
            _ml.Transforms.Standardize("Features").Fit(Vectors(_ml, new[] { 1f, 2, 3 }, new[] { 1f, float.PositiveInfinity, 3 })));
        Assert.Contains("Row 1", infinite.Message);
        Assert.Contains("slot 1", infinite.Message);

        Assert.Contains("no rows", Assert.Throws<InvalidOperationException>(() => _ml.Transforms.ScaleMinMax("X").Fit(Scalars(_ml))).Message);
    }

    [Fact]
    public void BadColumnListsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => _ml.Transforms.Standardize(Array.Empty<(string, string)>()));
        Assert.Throws<ArgumentException>(() => _ml.Transforms.Standardize(("A", "X"), ("A", "Y")));
        Assert.Throws<ArgumentException>(() => _ml.Transforms.ScaleMinMax(""));
    }

    [Fact]
    public void TransformIsLazy()
    {
        var source = new CountingDataView(Scalars(_ml, 1, 2, 3));
        var model = _ml.Transforms.Standardize("Z", "X").Fit(source);
        int afterFit = source.CursorsOpened;

        var output = model.Transform(source);
        Assert.Equal(afterFit, source.CursorsOpened);
        Assert.Equal(3, ReadScalars(output, "Z").Length);
        Assert.Equal(afterFit + 1, source.CursorsOpened);
    }

    [Fact]
    public void NotReadingTheOutputDoesNotReadTheInputColumn()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new MixedRow { Features = new[] { 1f, 2 }, Y = 1 } });
        var output = _ml.Transforms.Standardize("F", "Features").Fit(data).Transform(data);

        using var cursor = output.GetRowCursor(new[] { output.Schema["Y"] });
        Assert.True(cursor.MoveNext());
        Assert.False(cursor.IsColumnActive(output.Schema["Features"]));
        Assert.False(cursor.IsColumnActive(output.Schema["F"]));
    }

    [Fact]
    public void ThePipelineWorksThroughARowToRowMapperAsPredictionEnginesUseIt()
    {
        var data = Scalars(_ml, 0, 10);
        var model = _ml.Transforms.Standardize("Z", "X").Fit(data);
        var engine = _ml.Model.CreatePredictionEngine<ScalarRow, StandardizedRow>(model);

        Assert.Equal(3f, engine.Predict(new ScalarRow { X = 20 }).Z);
    }

    private static string Describe(SchemaShape shape) => string.Join("; ", shape.Select(c =>
        $"{c.Name}:{c.Kind}:{c.ItemType}:{c.IsKey}[{string.Join(",", (c.Annotations ?? new SchemaShape(Array.Empty<SchemaShape.Column>())).Select(a => $"{a.Name}:{a.Kind}:{a.ItemType}"))}]"));

    public sealed class StandardizedRow
    {
        public float Z { get; set; }
    }
}
