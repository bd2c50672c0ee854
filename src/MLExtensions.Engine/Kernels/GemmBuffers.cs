using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MLExtensions.Engine.Kernels;

/// <summary>
/// One thread's packing memory for <see cref="Gemm"/>. Thread-static because every thread that executes GEMM
/// work — callers and pool workers alike — needs its own panels; arrays only grow, so after the first call
/// of the largest shape no further allocation happens. Arrays live on the pinned object heap, which lets the
/// kernels keep raw 64-byte-aligned pointers into them without <c>fixed</c>.
/// </summary>
internal sealed unsafe class GemmBuffers
{
    private const int Alignment = 64;

    [ThreadStatic] private static GemmBuffers? t_current;

    private float[]? _packedA, _packedB, _sharedB, _scratch;

    public static GemmBuffers Current => t_current ??= new GemmBuffers();

    /// <summary>Panel of A (MC×KC) owned by this thread.</summary>
    public float* PackedA(int floats) => Get(ref _packedA, floats);

    /// <summary>Panel of B (KC×NC) owned by this thread.</summary>
    public float* PackedB(int floats) => Get(ref _packedB, floats);

    /// <summary>All of B's k rows for one column block, packed by every worker and read by all.</summary>
    public float* SharedB(int floats) => Get(ref _sharedB, floats);

    /// <summary>Staging area for partial micro-tiles.</summary>
    public float* Scratch(int floats) => Get(ref _scratch, floats);

    private static float* Get(ref float[]? array, int floats)
    {
        int needed = floats + Alignment / sizeof(float);
        if (array is null || array.Length < needed)
        {
            // Grow geometrically so a slowly increasing shape sequence does not reallocate every call.
            int length = array is null ? needed : Math.Max(needed, (int)Math.Min(int.MaxValue, array.Length * 3L / 2));
            array = GC.AllocateUninitializedArray<float>(length, pinned: true);
        }
        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        return (float*)((address + (Alignment - 1)) & ~(nint)(Alignment - 1));
    }
}
