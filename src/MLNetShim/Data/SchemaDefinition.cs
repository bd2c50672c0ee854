namespace Microsoft.ML.Data;

/// <summary>
/// Present only because public signatures default a <c>SchemaDefinition</c> parameter to null. The shim
/// derives schemas from the row type's attributes and offers no way to build a definition.
/// </summary>
public sealed class SchemaDefinition : List<SchemaDefinition.Column>
{
    private SchemaDefinition()
    {
    }

    public sealed class Column
    {
        private Column()
        {
        }
    }
}
