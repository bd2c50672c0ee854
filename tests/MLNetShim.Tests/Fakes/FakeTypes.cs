// Deliberately wrong look-alikes of ML.NET types, used only to prove the contract comparer catches
// drift. The comparer is told to read the namespace "MLNetShim.Tests.Fakes.X" as "X".
using System.Collections;

namespace MLNetShim.Tests.Fakes.Microsoft.ML.Data
{
    /// <summary>Like VBuffer, plus an extra public method and a listing-internal method made public.</summary>
    public readonly struct VBuffer<T> : IEnumerable
    {
        public readonly int Length;

        public bool IsDense => true;

        public IEnumerator GetEnumerator() => Array.Empty<T>().GetEnumerator();

        public int ExtraPublicMethod() => 42;

        public global::Microsoft.ML.Data.VBufferEditor<T> GetEditor() => default;
    }
}

namespace MLNetShim.Tests.Fakes.Microsoft.ML
{
    /// <summary>Listed as abstract; declared concrete here, with the wrong base.</summary>
    public class DataViewRowCursor
    {
        public bool MoveNext() => false;
    }

    /// <summary>Not an ML.NET type at all.</summary>
    public sealed class NotInMLNet
    {
    }
}
