using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Data;
using MLExtensions.Trainers;

namespace MLExtensions.Tests.Schema;

/// <summary>The annotations ML.NET's own MapValueToKey writes, read back through <see cref="ColumnAnnotations"/>.</summary>
public class ColumnAnnotationsTests
{
    private sealed class TextRow
    {
        public string Label { get; set; } = "";
    }

    private sealed class NumberRow
    {
        public float Label { get; set; }
    }

    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void TextKeyValuesReadAsStringsInKeyOrder()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new TextRow { Label = "b" }, new TextRow { Label = "a" }, new TextRow { Label = "b" } });
        var keyed = _ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);

        Assert.True(ColumnAnnotations.TryReadKeyValues(keyed.Schema["Label"], out var itemType, out var values));
        Assert.Equal(TextDataViewType.Instance, itemType);
        Assert.Equal(new[] { "b", "a" }, Assert.IsType<string[]>(values));
        Assert.Equal(new[] { "b", "a" }, ColumnAnnotations.KeyValueNames(keyed.Schema["Label"]));
    }

    [Fact]
    public void NumericKeyValuesKeepTheirTypeAndAreNamedInTheInvariantCulture()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new NumberRow { Label = 2.5f }, new NumberRow { Label = -1f } });
        var keyed = _ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);

        Assert.True(ColumnAnnotations.TryReadKeyValues(keyed.Schema["Label"], out var itemType, out var values));
        Assert.Equal(NumberDataViewType.Single, itemType);
        Assert.Equal(new[] { 2.5f, -1f }, Assert.IsType<float[]>(values));
        var culture = CultureInfo.CurrentCulture;
        try
        {
            // A culture with a decimal comma must not leak into class names.
            var decimalComma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            decimalComma.NumberFormat.NumberDecimalSeparator = ",";
            CultureInfo.CurrentCulture = decimalComma;
            Assert.Equal(new[] { "2.5", "-1" }, ColumnAnnotations.KeyValueNames(keyed.Schema["Label"]));
            Assert.Equal(new[] { "2.5", "-1" }, ColumnAnnotations.ClassNames(keyed.Schema["Label"], keyed.Schema["Label"], 2));
            Assert.Equal(new[] { "2.5", "-1" }, LabelKeyValues.Capture(keyed.Schema["Label"])!.Values);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void AColumnWithoutTheAnnotationReadsAsNothing()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new NumberRow { Label = 1f } });

        Assert.False(ColumnAnnotations.TryReadKeyValues(data.Schema["Label"], out var itemType, out var values));
        Assert.Null(itemType);
        Assert.Null(values);
    }

    [Fact]
    public void ClassNamesFallBackFromSlotNamesToKeyValuesToIndices()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new TextRow { Label = "cat" }, new TextRow { Label = "dog" } });
        var keyed = _ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
        var label = keyed.Schema["Label"];

        // The label as its own "score" column has no SlotNames: its KeyValues name the classes.
        Assert.Equal(new[] { "cat", "dog" }, ColumnAnnotations.ClassNames(label, label, 2));
        // A class count the KeyValues do not match gives the indices.
        Assert.Equal(new[] { "0", "1", "2" }, ColumnAnnotations.ClassNames(label, label, 3));
    }
}
