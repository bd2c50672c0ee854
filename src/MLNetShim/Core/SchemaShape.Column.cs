using Microsoft.ML.Data;

namespace Microsoft.ML;

public sealed partial class SchemaShape
{
    public struct Column
    {
        public readonly string Name;

        public readonly VectorKind Kind;

        public readonly DataViewType ItemType;

        public readonly bool IsKey;

        public readonly SchemaShape Annotations;

        // Internal exactly as in ML.NET: code outside ML.NET reaches it only through reflection, and that
        // reflection must work against both the shim and the real package.
        internal Column(string name, VectorKind vecKind, DataViewType itemType, bool isKey, SchemaShape? annotations = null)
        {
            if (string.IsNullOrEmpty(name))
                throw new ArgumentNullException(nameof(name));
            ArgumentNullException.ThrowIfNull(itemType);
            if (itemType is KeyDataViewType)
                throw new ArgumentException("Item type cannot be a key", nameof(itemType));
            if (itemType is VectorDataViewType)
                throw new ArgumentException("Item type cannot be a vector", nameof(itemType));
            if (isKey && !KeyDataViewType.IsValidDataType(itemType.RawType))
                throw new ArgumentException("The item type must be valid for a key", nameof(itemType));
            Name = name;
            Kind = vecKind;
            ItemType = itemType;
            IsKey = isKey;
            Annotations = annotations ?? new SchemaShape(Enumerable.Empty<Column>());
        }

        public enum VectorKind
        {
            Scalar,
            Vector,
            VariableVector,
        }

        internal bool IsValid => Name != null;

        internal bool IsCompatibleWith(Column source)
        {
            if (Name != source.Name || Kind != source.Kind || IsKey != source.IsKey || !ItemType.Equals(source.ItemType))
                return false;
            foreach (var annotation in Annotations)
            {
                if (!source.Annotations.TryFindColumn(annotation.Name, out var other) || !annotation.IsCompatibleWith(other))
                    return false;
            }
            return true;
        }

        internal string GetTypeString()
        {
            string item = IsKey ? $"Key<{ItemType}>" : ItemType.ToString()!;
            return Kind switch
            {
                VectorKind.Vector => $"Vector<{item}>",
                VectorKind.VariableVector => $"VarVector<{item}>",
                _ => item,
            };
        }
    }
}
