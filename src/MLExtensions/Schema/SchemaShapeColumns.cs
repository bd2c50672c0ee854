using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions.Schema;

/// <summary>
/// Builds <see cref="SchemaShape.Column"/> values for <c>IEstimator.GetOutputSchema</c>. ML.NET gives
/// outside assemblies no public way to make one: its only constructor is internal, so this is the one
/// place that reaches it by reflection, and it fails loudly if a future ML.NET changes that constructor.
/// </summary>
internal static class SchemaShapeColumns
{
    private static readonly Type[] ConstructorSignature =
    {
        typeof(string), typeof(SchemaShape.Column.VectorKind), typeof(DataViewType), typeof(bool), typeof(SchemaShape),
    };

    private static readonly ConstructorInfo? Constructor = typeof(SchemaShape.Column).GetConstructor(
        BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public, binder: null, ConstructorSignature, modifiers: null);

    /// <summary>A schema column as ML.NET's internal constructor makes it.</summary>
    /// <exception cref="InvalidOperationException">This ML.NET has no such constructor, or it refused the column.</exception>
    public static SchemaShape.Column Create(
        string name, SchemaShape.Column.VectorKind kind, DataViewType itemType, bool isKey, SchemaShape? annotations = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(itemType);
        if (Constructor is null)
            throw new InvalidOperationException(
                "This version of ML.NET has no SchemaShape.Column(string, VectorKind, DataViewType, bool, SchemaShape) constructor, " +
                $"which MLExtensions needs to describe its output columns (ML.NET assembly: {typeof(SchemaShape).Assembly.FullName}).");
        try
        {
            return (SchemaShape.Column)Constructor.Invoke(new object?[] { name, kind, itemType, isKey, annotations });
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new InvalidOperationException($"ML.NET refused the schema column '{name}': {e.InnerException.Message}", e.InnerException);
        }
    }

    /// <summary>The column named <paramref name="name"/>; ML.NET's own lookup is internal.</summary>
    public static bool TryFind(SchemaShape shape, string name, out SchemaShape.Column column)
    {
        ArgumentNullException.ThrowIfNull(shape);
        // Like DataViewSchema, a later column of the same name hides an earlier one.
        for (int i = shape.Count - 1; i >= 0; i--)
        {
            if (shape[i].Name == name)
            {
                column = shape[i];
                return true;
            }
        }
        column = default;
        return false;
    }

    /// <summary>
    /// <paramref name="shape"/> with <paramref name="columns"/> added, each replacing any earlier column of
    /// the same name, as a transformer's output schema does.
    /// </summary>
    public static SchemaShape With(SchemaShape shape, params SchemaShape.Column[] columns)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var names = new HashSet<string>(columns.Select(c => c.Name), StringComparer.Ordinal);
        return new SchemaShape(shape.Where(c => !names.Contains(c.Name)).Concat(columns));
    }
}
