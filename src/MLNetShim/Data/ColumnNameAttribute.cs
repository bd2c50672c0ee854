namespace Microsoft.ML.Data;

/// <summary>Names the column a member maps to when it differs from the member name.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class ColumnNameAttribute : Attribute
{
    public ColumnNameAttribute(string name)
    {
        Name = name;
    }

    internal string Name { get; }
}
