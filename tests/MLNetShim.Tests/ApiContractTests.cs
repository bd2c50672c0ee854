using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetShim.Tests.Contract;

namespace MLNetShim.Tests;

public class ApiContractTests
{
    private static readonly Assembly Shim = typeof(MLContext).Assembly;

    /// <summary>The subset the shim promises (see the project brief); every one must exist.</summary>
    private static readonly string[] Subset =
    {
        "Microsoft.ML.IDataView", "Microsoft.ML.DataViewSchema", "Microsoft.ML.DataViewSchema.Builder",
        "Microsoft.ML.DataViewSchema.Column", "Microsoft.ML.DataViewSchema.DetachedColumn",
        "Microsoft.ML.DataViewSchema.Annotations", "Microsoft.ML.DataViewSchema.Annotations.Builder",
        "Microsoft.ML.Data.DataViewType", "Microsoft.ML.Data.PrimitiveDataViewType", "Microsoft.ML.Data.StructuredDataViewType",
        "Microsoft.ML.Data.NumberDataViewType", "Microsoft.ML.Data.BooleanDataViewType", "Microsoft.ML.Data.TextDataViewType",
        "Microsoft.ML.Data.KeyDataViewType", "Microsoft.ML.Data.VectorDataViewType", "Microsoft.ML.Data.RowIdDataViewType",
        "Microsoft.ML.DataViewRow", "Microsoft.ML.DataViewRowCursor", "Microsoft.ML.Data.DataViewRowId",
        "Microsoft.ML.ValueGetter<TValue>", "Microsoft.ML.Data.VBuffer<T>", "Microsoft.ML.Data.VBufferEditor",
        "Microsoft.ML.Data.VBufferEditor<T>", "Microsoft.ML.IEstimator<TTransformer>", "Microsoft.ML.ITransformer",
        "Microsoft.ML.ICanSaveModel", "Microsoft.ML.ModelSaveContext", "Microsoft.ML.Data.IRowToRowMapper",
        "Microsoft.ML.SchemaShape", "Microsoft.ML.SchemaShape.Column", "Microsoft.ML.SchemaShape.Column.VectorKind",
        "Microsoft.ML.Runtime.IHostEnvironment", "Microsoft.ML.Runtime.IHost", "Microsoft.ML.Runtime.IChannelProvider",
        "Microsoft.ML.Runtime.IChannel", "Microsoft.ML.Runtime.IExceptionContext", "Microsoft.ML.Runtime.IProgressChannelProvider",
        "Microsoft.ML.Runtime.IPipe<TMessage>", "Microsoft.ML.Runtime.ChannelMessage", "Microsoft.ML.Runtime.MessageSensitivity",
        "Microsoft.ML.MLContext", "Microsoft.ML.LoggingEventArgs", "Microsoft.ML.DataOperationsCatalog", "Microsoft.ML.TransformsCatalog",
        "Microsoft.ML.TransformsCatalog.ConversionTransforms", "Microsoft.ML.ModelOperationsCatalog",
        "Microsoft.ML.TrainCatalogBase", "Microsoft.ML.TrainCatalogBase.CatalogInstantiatorBase",
        "Microsoft.ML.BinaryClassificationCatalog", "Microsoft.ML.BinaryClassificationCatalog.BinaryClassificationTrainers",
        "Microsoft.ML.MulticlassClassificationCatalog", "Microsoft.ML.MulticlassClassificationCatalog.MulticlassClassificationTrainers",
        "Microsoft.ML.RegressionCatalog", "Microsoft.ML.RegressionCatalog.RegressionTrainers",
        "Microsoft.ML.TransformExtensionsCatalog", "Microsoft.ML.ConversionsExtensionsCatalog",
        "Microsoft.ML.Data.EstimatorChain<TLastTransformer>", "Microsoft.ML.Data.TransformerChain<TLastTransformer>",
        "Microsoft.ML.Data.TransformerScope", "Microsoft.ML.LearningPipelineExtensions",
        "Microsoft.ML.PredictionEngine<TSrc, TDst>", "Microsoft.ML.PredictionEngineBase<TSrc, TDst>",
        "Microsoft.ML.Data.VectorTypeAttribute", "Microsoft.ML.Data.ColumnNameAttribute", "Microsoft.ML.Data.KeyTypeAttribute",
        "Microsoft.ML.Data.NoColumnAttribute", "Microsoft.ML.Transforms.ValueToKeyMappingEstimator",
        "Microsoft.ML.Transforms.ValueToKeyMappingTransformer", "Microsoft.ML.Transforms.KeyToValueMappingEstimator",
        "Microsoft.ML.Transforms.KeyToValueMappingTransformer", "Microsoft.ML.Transforms.ColumnConcatenatingEstimator",
        "Microsoft.ML.Data.ColumnConcatenatingTransformer",
    };

    [Fact]
    public void ShimPublicSurfaceIsContainedInTheRealApi()
    {
        var offences = ApiContract.Compare(Shim, ApiListingResources.Listing, ApiListingResources.Supplement);
        Assert.True(offences.Count == 0, $"{offences.Count} offence(s):\n" + string.Join("\n", offences));

        // Guard against a vacuous pass: the comparison really covered the shim's surface.
        var publicTypes = ApiRenderer.PublicTypes(Shim.GetTypes()).ToList();
        Assert.True(publicTypes.Count >= 80, $"only {publicTypes.Count} public types compared");
        Assert.True(publicTypes.Sum(t => ApiRenderer.Members(t).Count()) >= 250, "too few members compared");
    }

    [Fact]
    public void SupplementOnlyAddsTypesTheListingLacks()
    {
        var listed = ApiListing.Parse(ApiListingResources.Listing).Keys;
        var supplemented = ApiListing.Parse(ApiListingResources.Supplement).Keys;
        Assert.Empty(listed.Intersect(supplemented));
    }

    [Fact]
    public void ComparerReportsExtraMembersInternalMembersKindsAndUnknownTypes()
    {
        var fakes = typeof(ApiContractTests).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("MLNetShim.Tests.Fakes.", StringComparison.Ordinal) == true);
        var offences = ApiContract.Compare(fakes, new[] { ApiListingResources.Listing },
            t => t.Namespace!["MLNetShim.Tests.Fakes.".Length..]);

        Assert.Contains(offences, o => o.Contains("VBuffer<T>") && o.Contains("ExtraPublicMethod") && o.Contains("not in the listing"));
        Assert.Contains(offences, o => o.Contains("VBuffer<T>") && o.Contains("GetEditor()") && o.Contains("'internal' in the listing"));
        Assert.Contains(offences, o => o.Contains("DataViewRowCursor") && o.Contains("kind 'class'") && o.Contains("'abstract class'"));
        Assert.Contains(offences, o => o.Contains("DataViewRowCursor") && o.Contains("bases"));
        Assert.Contains(offences, o => o.Contains("NotInMLNet") && o.Contains("not in the listing"));
        // Correctly mirrored members of the fakes are not reported.
        Assert.DoesNotContain(offences, o => o.Contains("Length") || o.Contains("IsDense") || o.Contains("GetEnumerator"));
        // A concrete MoveNext where the listing has an abstract one is a different signature.
        Assert.Contains(offences, o => o.Contains("'public bool MoveNext()' is not in the listing"));
    }

    [Fact]
    public void ComparerAcceptsAnExactMirrorAndRejectsAWrongDefault()
    {
        const string listing = """
            public sealed class Sample.Widget   // Sample
                public Widget()
                public void Run(string name = Label, TransformerScope scope = Everything, Nullable<int> seed = null, bool flag = False)
            """;
        Assert.Empty(ApiContract.Compare(new[] { typeof(Sample.Widget) }, new[] { listing }));

        var wrong = listing.Replace("flag = False", "flag = True");
        Assert.Single(ApiContract.Compare(new[] { typeof(Sample.Widget) }, new[] { wrong }));
    }

    [Fact]
    public void EverySubsetTypeExistsInTheShimAndIsListedPublic()
    {
        var listed = ApiListing.Parse(ApiListingResources.Listing, ApiListingResources.Supplement);
        var shimTypes = ApiRenderer.PublicTypes(Shim.GetTypes()).Select(t => ApiListing.Normalize(ApiRenderer.FullName(t))).ToHashSet();
        var missing = Subset.Select(ApiListing.Normalize).Where(name => !shimTypes.Contains(name)).ToList();
        Assert.True(missing.Count == 0, "Missing from the shim: " + string.Join(", ", missing));
        var unlisted = Subset.Select(ApiListing.Normalize).Where(name => !listed.ContainsKey(name) || listed[name].Visibility != "public").ToList();
        Assert.True(unlisted.Count == 0, "Not public in the listings: " + string.Join(", ", unlisted));
    }

    [Fact]
    public void SchemaShapeColumnConstructorIsInternalWithTheRealSignature()
    {
        var ctor = typeof(SchemaShape.Column).GetConstructor(BindingFlags.Instance | BindingFlags.NonPublic, null,
            new[] { typeof(string), typeof(SchemaShape.Column.VectorKind), typeof(DataViewType), typeof(bool), typeof(SchemaShape) }, null);
        Assert.NotNull(ctor);
        Assert.True(ctor!.IsAssembly);
        Assert.Equal(new[] { "name", "vecKind", "itemType", "isKey", "annotations" }, ctor.GetParameters().Select(p => p.Name));
        Assert.True(ctor.GetParameters()[4].HasDefaultValue);
        Assert.Empty(typeof(SchemaShape.Column).GetConstructors());

        var column = (SchemaShape.Column)ctor.Invoke(new object?[] { "Features", SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false, null });
        Assert.Equal("Features", column.Name);
        Assert.Equal(SchemaShape.Column.VectorKind.Vector, column.Kind);
        Assert.Empty(column.Annotations);
    }

    [Fact]
    public void ShimGrantsNoInternalsVisibleTo()
    {
        Assert.Empty(Shim.GetCustomAttributes<System.Runtime.CompilerServices.InternalsVisibleToAttribute>());
    }
}
