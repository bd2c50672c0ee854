using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace MLExtensions.Engine.Numerics;

/// <summary>Facts shared by every width of <see cref="ILanes{TVector}"/>.</summary>
internal static class Lanes
{
    /// <summary>
    /// The scalar tail fuses exactly when the vector loops do, so an element's result does not depend on
    /// whether it landed in the body or the tail (which would make results depend on buffer length).
    /// </summary>
    public static bool FusedMultiplyAddIsFast => Fma.IsSupported || AdvSimd.IsSupported;

    /// <summary>
    /// The smallest normal float. Optimizer state whose magnitude falls below it is flushed to zero: a moment
    /// that decays geometrically for a parameter whose gradient is always 0 (a dead ReLU unit, a pixel that is
    /// black in every image) would otherwise become subnormal, where x86 arithmetic is about ten times slower,
    /// and would stay there, since 0.9 × the smallest subnormal rounds back to itself.
    /// </summary>
    public const float SmallestNormal = 1.17549435e-38f;

    /// <summary>Gradients smaller than this square to a subnormal, so squares are taken of flushed gradients.</summary>
    public const float SmallestSquarable = 1.08420217e-19f;
}
