using Microsoft.ML.Data;

namespace Sample;

/// <summary>A tiny type with the listing's default-value spellings (string, enum, nullable, bool).</summary>
public sealed class Widget
{
    public void Run(string name = "Label", TransformerScope scope = TransformerScope.Everything, int? seed = null, bool flag = false)
    {
    }
}
