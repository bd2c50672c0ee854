using System.Runtime.CompilerServices;

namespace MLExtensions.Engine.Numerics;

/// <summary>
/// The scalar width of <see cref="ILanes{TVector}"/>, which runs the tail after the vector loops. Every member
/// matches its vector counterpart bit for bit (masks are all-ones or all-zeros bit patterns, the multiply-add
/// fuses exactly when the vector ones do), so an element's result does not depend on where it falls in a buffer.
/// </summary>
internal readonly struct Lanes1 : IWideningLanes<float, double>
{
    private static readonly float AllOnes = BitConverter.Int32BitsToSingle(-1);

    public static int Count => 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Load(ref float source, nuint index) => Unsafe.Add(ref source, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float value, ref float destination, nuint index) => Unsafe.Add(ref destination, index) = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Broadcast(float value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Add(float left, float right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Subtract(float left, float right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Multiply(float left, float right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Divide(float left, float right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MultiplyAdd(float a, float b, float c) =>
        Lanes.FusedMultiplyAddIsFast ? MathF.FusedMultiplyAdd(a, b, c) : a * b + c;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sqrt(float value) => MathF.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Min(float left, float right) => left < right || float.IsNaN(left) ? left : right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Max(float left, float right) => left > right || float.IsNaN(left) ? left : right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Abs(float value) => MathF.Abs(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Negate(float value) => -value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float CopySign(float value, float sign) => MathF.CopySign(value, sign);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Equals(float left, float right) => Mask(left == right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LessThan(float left, float right) => Mask(left < right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LessThanOrEqual(float left, float right) => Mask(left <= right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float GreaterThan(float left, float right) => Mask(left > right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float GreaterThanOrEqual(float left, float right) => Mask(left >= right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ConditionalSelect(float mask, float ifTrue, float ifFalse)
    {
        int bits = BitConverter.SingleToInt32Bits(mask);
        return BitConverter.Int32BitsToSingle(
            (bits & BitConverter.SingleToInt32Bits(ifTrue)) | (~bits & BitConverter.SingleToInt32Bits(ifFalse)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ZeroBelow(float value, float threshold) => MathF.Abs(value) < threshold ? 0f : value;

    public static double WideZero => 0.0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double AddWidened(double sum, float value) => sum + value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double AddWidenedSquares(double sum, float value) => sum + (double)value * value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Total(double sum) => sum;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Mask(bool condition) => condition ? AllOnes : 0f;
}
