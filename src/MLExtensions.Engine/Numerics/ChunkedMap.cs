using System.Runtime.CompilerServices;

namespace MLExtensions.Engine.Numerics;

/// <summary>
/// A function of a whole span, such as a chain of TensorPrimitives calls (exp, sigmoid, log): the part of a
/// formula no single operator can evaluate. <c>destination</c> has the length of <c>x</c> and does not overlap it.
/// </summary>
internal interface ISpanFunction
{
    void Invoke(ReadOnlySpan<float> x, Span<float> destination);
}

/// <summary>
/// Formulas of the form f(x, a(x)) and f(x, a(x), y), where a is an <see cref="ISpanFunction"/> and f an element-wise
/// operator: a(x) goes to a stack chunk of <see cref="ElementWise.ChunkLength"/> elements, f runs through
/// <see cref="ElementWise"/>, chunk by chunk, so nothing is allocated and the chunk stays in the L1 cache.
/// The destination may exactly alias <c>x</c> or <c>y</c>.
/// </summary>
internal static class ChunkedMap
{
    public static void Map<TAuxiliary, TOp>(ReadOnlySpan<float> x, Span<float> destination, TAuxiliary auxiliary, TOp op)
        where TAuxiliary : struct, ISpanFunction where TOp : struct, IBinaryOperator =>
        Map(x, x, destination, auxiliary, new IgnoringThird<TOp>(op));

    /// <summary>destination = f(x, a(x), y); the operator receives its operands in that order.</summary>
    public static void Map<TAuxiliary, TOp>(
        ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination, TAuxiliary auxiliary, TOp op)
        where TAuxiliary : struct, ISpanFunction where TOp : struct, ITernaryOperator
    {
        Span<float> scratch = stackalloc float[ElementWise.ChunkLength];
        for (int start = 0; start < destination.Length; start += ElementWise.ChunkLength)
        {
            int length = Math.Min(ElementWise.ChunkLength, destination.Length - start);
            var xs = x.Slice(start, length);
            var a = scratch[..length];
            auxiliary.Invoke(xs, a);
            ElementWise.Map(xs, a, y.Slice(start, length), destination.Slice(start, length), op);
        }
    }

    private readonly struct IgnoringThird<TOp>(TOp op) : ITernaryOperator where TOp : struct, IBinaryOperator
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TL, TV>(TV x, TV a, TV unused) where TL : ILanes<TV> where TV : struct => op.Invoke<TL, TV>(x, a);
    }
}
