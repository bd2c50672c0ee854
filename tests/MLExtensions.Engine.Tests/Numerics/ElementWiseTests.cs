using System.Runtime.Intrinsics;
using MLExtensions.Engine.Numerics;
using MLExtensions.Engine.Randomness;

namespace MLExtensions.Engine.Tests.Numerics;

/// <summary>
/// Every vector width of an element-wise operator gives, element for element and bit for bit, what the scalar
/// formula (<see cref="Lanes1"/>) gives, whatever the length, so no element's result depends on whether it fell in
/// a vector body or the tail.
/// </summary>
public class ElementWiseTests
{
    private static readonly int[] Lengths = [0, 1, 3, 15, 16, 17, 63, 65, 1000];

    /// <summary>The widths this machine accelerates: the driver never runs the others, so neither does the test.</summary>
    public static TheoryData<string, int> WidthsAndLengths()
    {
        var data = new TheoryData<string, int>();
        var widths = new List<string>();
        if (Vector512.IsHardwareAccelerated) widths.Add("512");
        if (Vector256.IsHardwareAccelerated) widths.Add("256");
        if (Vector128.IsHardwareAccelerated) widths.Add("128");
        widths.Add("driver");
        foreach (var width in widths)
            foreach (int length in Lengths)
                data.Add(width, length);
        return data;
    }

    [Theory]
    [MemberData(nameof(WidthsAndLengths))]
    public void EveryLaneOperationMatchesTheScalarFormulaBitwise(string width, int length) =>
        AssertMatchesScalar(width, Inputs(length), new EveryOperation());

    [Theory]
    [MemberData(nameof(WidthsAndLengths))]
    public void TheAccurateExpM1AndLog1pFormulasMatchTheScalarFormulaBitwise(string width, int length)
    {
        var x = Inputs(length);
        AssertMatchesScalar(width, x, new WithSecond<AccurateMath.ExpM1Operator>(1.25f));
        AssertMatchesScalar(width, x, new WithSecond<AccurateMath.LogP1Operator>(-0.75f));
        AssertMatchesScalar(width, x, new WithSecond<AccurateMath.TanhOperator>(0.5f));
    }

    [Theory]
    [MemberData(nameof(WidthsAndLengths))]
    public void DoubleSumsOfEveryWidthMatchANaiveDoubleSum(string width, int length)
    {
        var x = Inputs(length, specials: false);
        double squares = 0, magnitudes = 0;
        foreach (float value in x)
        {
            squares += (double)value * value;
            magnitudes += Math.Abs((double)value);
        }
        // Double sums of a thousand float-sized terms differ from the naive order by a few ulps of the total at most.
        Assert.Equal(squares, Sum(width, x, new DoubleSums.Squares()), squares * 1e-13);
        Assert.Equal(magnitudes, Sum(width, x, new DoubleSums.Magnitudes()), magnitudes * 1e-13);
    }

    [Fact]
    public void ADoubleSumOfSquaresDoesNotOverflowWhereAFloatSumWould()
    {
        var x = new float[37];
        x[0] = 3e19f;
        Array.Fill(x, 1f, 1, 36);
        double big = (double)x[0] * x[0];
        Assert.True(float.IsPositiveInfinity(x[0] * x[0]));
        Assert.Equal(big, DoubleSums.SumOfSquares(x), big * 1e-15);
        Assert.Equal(36, DoubleSums.SumOfSquares(x.AsSpan(1)));
    }

    [Fact]
    public void TheDestinationMayBeTheInput()
    {
        var x = Inputs(65);
        var expected = new float[x.Length];
        ElementWise.Map(x, expected, new EveryOperation());
        ElementWise.Map(x, x, new EveryOperation());
        Assert.Equal(Bits(expected), Bits(x));
    }

    [Fact]
    public void MinimumAndMaximumPropagateNaNAndTakeTheRightOperandOfSignedZerosInTheBodyAndTheTail()
    {
        // 17 elements: a vector body and a scalar tail on every width. Each pair is repeated so both run it.
        float nan = float.NaN;
        float[] left = [nan, 1f, 2f, -0f, 0f, -3f, nan, 5f, 7f, nan, 1f, 2f, -0f, 0f, -3f, nan, 5f];
        float[] right = [1f, nan, 3f, 0f, -0f, -4f, nan, 5f, 6f, 1f, nan, 3f, 0f, -0f, -4f, nan, 5f];
        var minimum = new float[left.Length];
        var maximum = new float[left.Length];
        ElementWise.Map(left, right, minimum, new Minimum());
        ElementWise.Map(left, right, maximum, new Maximum());
        for (int i = 0; i < left.Length; i++)
        {
            float a = left[i], b = right[i];
            // The rule by hand: NaN if either is NaN; otherwise the smaller (larger), and the right one when they compare equal.
            float expectedMinimum = float.IsNaN(a) || float.IsNaN(b) ? nan : a < b ? a : b;
            float expectedMaximum = float.IsNaN(a) || float.IsNaN(b) ? nan : a > b ? a : b;
            Assert.Equal(BitConverter.SingleToInt32Bits(expectedMinimum), BitConverter.SingleToInt32Bits(minimum[i]));
            Assert.Equal(BitConverter.SingleToInt32Bits(expectedMaximum), BitConverter.SingleToInt32Bits(maximum[i]));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(1000)]
    public void AChunkedMapWritesTheSameIntoItsSecondOperandAsIntoASeparateDestination(int length)
    {
        // Lengths around the chunk size: a chunk boundary must not let a written element be read again as y.
        var random = new RandomSource(3);
        var x = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 6 - 3)).ToArray();
        var y = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var separate = new float[length];
        ChunkedMap.Map(x, y, separate, new Exponential(), new ProductPlusThird());
        var inPlace = (float[])y.Clone();
        ChunkedMap.Map(x, inPlace, inPlace, new Exponential(), new ProductPlusThird());
        Assert.Equal(separate, inPlace);
        for (int i = 0; i < length; i++)
            Assert.Equal(MathF.Exp(x[i]) * x[i] + y[i], separate[i], MathF.Abs(separate[i]) * 1e-5f + 1e-6f);
    }

    private readonly struct Exponential : ISpanFunction
    {
        public void Invoke(ReadOnlySpan<float> x, Span<float> destination) =>
            System.Numerics.Tensors.TensorPrimitives.Exp(x, destination);
    }

    /// <summary>x·a + y, with a = exp(x).</summary>
    private readonly struct ProductPlusThird : ITernaryOperator
    {
        public TV Invoke<TL, TV>(TV x, TV a, TV y) where TL : ILanes<TV> where TV : struct => TL.Add(TL.Multiply(x, a), y);
    }

    private readonly struct Minimum : IBinaryOperator
    {
        public TV Invoke<TL, TV>(TV x, TV y) where TL : ILanes<TV> where TV : struct => TL.Min(x, y);
    }

    private readonly struct Maximum : IBinaryOperator
    {
        public TV Invoke<TL, TV>(TV x, TV y) where TL : ILanes<TV> where TV : struct => TL.Max(x, y);
    }

    private static void AssertMatchesScalar<TOp>(string width, float[] x, TOp op) where TOp : struct, IUnaryOperator
    {
        var expected = new float[x.Length];
        for (int i = 0; i < x.Length; i++)
            expected[i] = op.Invoke<Lanes1, float>(x[i]);
        var actual = new float[x.Length];
        switch (width)
        {
            case "512": ElementWise.MapAt<Lanes512, Vector512<float>, TOp>(x, actual, op); break;
            case "256": ElementWise.MapAt<Lanes256, Vector256<float>, TOp>(x, actual, op); break;
            case "128": ElementWise.MapAt<Lanes128, Vector128<float>, TOp>(x, actual, op); break;
            default: ElementWise.Map(x, actual, op); break;
        }
        Assert.Equal(Bits(expected), Bits(actual));
    }

    private static double Sum<TOp>(string width, float[] x, TOp op) where TOp : struct, IWideningSumOperator => width switch
    {
        "512" => ElementWise.SumAt<Lanes512, Vector512<float>, Vector512<double>, TOp>(x, op),
        "256" => ElementWise.SumAt<Lanes256, Vector256<float>, Vector256<double>, TOp>(x, op),
        "128" => ElementWise.SumAt<Lanes128, Vector128<float>, Vector128<double>, TOp>(x, op),
        _ => ElementWise.Sum(x, op),
    };

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();

    /// <summary>Random values of every magnitude, with the special values (±0, ±∞, NaN, subnormals) spread through.</summary>
    private static float[] Inputs(int length, bool specials = true)
    {
        float[] special = [0f, -0f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, 1e-40f, -1e-40f, 1e-20f, 1f, -1f, 0.5f, -3f];
        var random = new RandomSource(17 + (ulong)length);
        var x = new float[length];
        for (int i = 0; i < length; i++)
            x[i] = specials && i % 5 == 2
                ? special[i / 5 % special.Length]
                : (float)(random.NextGaussian() * Math.Pow(10, random.NextDouble() * 6 - 3));
        return x;
    }

    /// <summary>Uses every member of <see cref="ILanes{TVector}"/> the operators rely on, so each width's version is checked.</summary>
    private readonly struct EveryOperation : IUnaryOperator
    {
        public TV Invoke<TL, TV>(TV x) where TL : ILanes<TV> where TV : struct
        {
            var half = TL.Broadcast(0.5f);
            var fused = TL.MultiplyAdd(x, TL.Broadcast(1.1f), TL.Broadcast(-0.3f));
            var rooted = TL.Divide(TL.Sqrt(TL.Abs(x)), TL.Add(TL.Abs(x), half));
            var bounded = TL.Max(TL.Min(TL.Subtract(fused, rooted), TL.Broadcast(50f)), TL.Negate(half));
            var signed = TL.CopySign(TL.Multiply(bounded, bounded), TL.Negate(x));
            var flushed = TL.ZeroBelow(TL.Multiply(x, TL.Broadcast(1e-10f)), TL.Broadcast(1e-38f));
            var pick = TL.ConditionalSelect(TL.LessThan(x, half), signed, flushed);
            pick = TL.ConditionalSelect(TL.GreaterThanOrEqual(x, TL.Broadcast(3f)), TL.Broadcast(7f), pick);
            pick = TL.ConditionalSelect(TL.LessThanOrEqual(x, TL.Broadcast(-3f)), TL.Broadcast(-7f), pick);
            pick = TL.ConditionalSelect(TL.GreaterThan(x, TL.Broadcast(100f)), x, pick);
            return TL.ConditionalSelect(TL.Equals(x, TL.Broadcast(1f)), TL.Broadcast(11f), pick);
        }
    }

    private readonly struct WithSecond<TOp>(float second) : IUnaryOperator where TOp : struct, IBinaryOperator
    {
        public TV Invoke<TL, TV>(TV x) where TL : ILanes<TV> where TV : struct =>
            default(TOp).Invoke<TL, TV>(x, TL.Add(TL.Abs(x), TL.Broadcast(second)));
    }
}
