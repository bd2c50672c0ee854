using Microsoft.ML.Data;

namespace Microsoft.ML;

public sealed partial class DataViewSchema
{
    /// <summary>A column bound to its schema position; only schemas create these (internal constructor, as in ML.NET).</summary>
    public struct Column
    {
        internal Column(string name, int index, bool isHidden, DataViewType type, Annotations? annotations)
        {
            if (string.IsNullOrEmpty(name))
                throw new ArgumentNullException(nameof(name));
            if (index < 0)
                throw new ArgumentOutOfRangeException(nameof(index));
            Name = name;
            Index = index;
            IsHidden = isHidden;
            Type = type ?? throw new ArgumentNullException(nameof(type));
            Annotations = annotations ?? Annotations.Empty;
        }

        public string Name { get; }

        public int Index { get; }

        public bool IsHidden { get; }

        public DataViewType Type { get; }

        public Annotations Annotations { get; }

        public override string ToString()
        {
            var kinds = Annotations is null || Annotations.Schema.Count == 0
                ? string.Empty
                : $" {{{string.Join(", ", Annotations.Schema.Select(c => c.Name))}}}";
            return $"{Name}: {Type}{kinds}";
        }
    }
}
