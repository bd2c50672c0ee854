namespace MLExtensions.Engine.Serialization;

/// <summary>
/// Counts read from a payload, checked before they size anything. A payload is in memory (a verified segment), so the
/// bytes it has left bound every count: n items of at least k bytes each cannot be there when n·k exceeds them. This
/// stops a file that passes its digest yet claims a billion names or a layer of 2^30 weights from allocating for them.
/// </summary>
public static class PayloadReading
{
    /// <summary>Bytes left in the payload <paramref name="reader"/> reads (its stream is seekable).</summary>
    public static long BytesLeft(this BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var stream = reader.BaseStream;
        return stream.CanSeek ? stream.Length - stream.Position : long.MaxValue;
    }

    /// <summary>
    /// Reads an Int32 count of <paramref name="what"/>, each taking at least <paramref name="bytesEach"/> bytes of the payload,
    /// and checks it is within [<paramref name="minimum"/>, <paramref name="maximum"/>] and fits in the bytes left.
    /// </summary>
    /// <param name="reader">The payload's reader.</param>
    /// <param name="what">What is counted, for the message: "network layers".</param>
    /// <param name="bytesEach">The fewest bytes one item takes in the payload; zero or more.</param>
    /// <param name="minimum">The smallest valid count. Default 0.</param>
    /// <param name="maximum">The largest valid count. Default <see cref="int.MaxValue"/>.</param>
    /// <exception cref="InvalidDataException">The count is out of range or more than the bytes left can hold.</exception>
    /// <exception cref="EndOfStreamException">The payload ends before the count.</exception>
    public static int ReadCount(this BinaryReader reader, string what, int bytesEach, int minimum = 0, int maximum = int.MaxValue)
    {
        int count = reader.ReadInt32();
        CheckCount(reader, count, what, bytesEach, minimum, maximum);
        return count;
    }

    /// <summary>Checks a count already read, as <see cref="ReadCount"/> does.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bytesEach"/> is negative.</exception>
    /// <exception cref="InvalidDataException">The count is out of range or more than the bytes left can hold.</exception>
    public static void CheckCount(this BinaryReader reader, long count, string what, int bytesEach, long minimum = 0, long maximum = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytesEach);
        if (count < minimum || count > maximum)
            throw new InvalidDataException($"The saved {what} number {count}, outside [{minimum}, {maximum}]: the file is corrupt.");
        long left = reader.BytesLeft();
        if (count * bytesEach > left)
            throw new InvalidDataException(
                $"The saved {what} number {count}, which need at least {count * bytesEach} bytes, but only {left} are left: the file is corrupt.");
    }
}
