namespace Microsoft.ML.Internal;

/// <summary>
/// Buffer growth shared by VBuffer editors. Growing geometrically (like List&lt;T&gt;) keeps repeated
/// reuse of one buffer across rows amortised O(1), which is why callers hand buffers back in.
/// </summary>
internal static class ArrayGrowth
{
    internal const int MaxArrayLength = 0x7FFFFFC7;

    internal static void EnsureSize<T>(ref T[]? array, int min, int max, bool keepOld, out bool resized)
    {
        if (min > max)
            throw new ArgumentOutOfRangeException(nameof(max), "min must not exceed max");

        int size = array?.Length ?? 0;
        if (size >= min)
        {
            resized = false;
            return;
        }

        long grown = size == 0 ? 4 : (long)size * 2;
        int newSize = (int)Math.Max(Math.Min(grown, max), min);
        if (keepOld && array is { Length: > 0 })
            Array.Resize(ref array, newSize);
        else
            array = new T[newSize];
        resized = true;
    }
}
