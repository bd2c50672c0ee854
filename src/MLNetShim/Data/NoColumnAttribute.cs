namespace Microsoft.ML.Data;

/// <summary>Excludes a member from the columns of LoadFromEnumerable/CreateEnumerable.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class NoColumnAttribute : Attribute
{
}
