using System.Buffers.Binary;

namespace MLExtensions.Tests.Reliability.Fuzzing;

/// <summary>
/// Seeded damage to a file's bytes, as corruption and careless or hostile editing produce it: flipped bits, overwritten
/// bytes and length-like integers, cut, appended, inserted, deleted, duplicated and swapped runs of bytes. A third of the
/// mutations land in the first 512 bytes, where the header and the manifest (the parts that size everything else) are.
/// </summary>
public static class FileMutation
{
    private static readonly long[] NastyValues =
    {
        0, 1, -1, 2, 255, 256, 65_535, 65_536, 1 << 20, 32_768L * 32_768, int.MaxValue, int.MinValue, int.MaxValue - 1,
        1_000_000_000, 2_000_000_000, uint.MaxValue, long.MaxValue, long.MinValue, 1L << 40,
    };

    public static (byte[] Bytes, string Description) Mutate(byte[] original, Random random)
    {
        var bytes = (byte[])original.Clone();
        int n = bytes.Length;
        int Position() => random.Next(3) == 0 ? random.Next(Math.Min(512, n)) : random.Next(n);
        switch (random.Next(11))
        {
            case 0:
            {
                int at = Position(), bit = random.Next(8);
                bytes[at] ^= (byte)(1 << bit);
                return (bytes, $"flip bit {bit} of byte {at}");
            }
            case 1:
            {
                int at = Position();
                byte value = (byte)random.Next(256);
                bytes[at] = value;
                return (bytes, $"set byte {at} to {value}");
            }
            case 2:
            {
                int at = Math.Min(Position(), n - 4);
                long value = Nasty(random);
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), unchecked((int)value));
                return (bytes, $"write Int32 {unchecked((int)value)} at {at}");
            }
            case 3:
            {
                int at = Math.Min(Position(), n - 8);
                long value = Nasty(random);
                BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at), value);
                return (bytes, $"write Int64 {value} at {at}");
            }
            case 4:
            {
                int length = random.Next(n);
                return (bytes[..length], $"truncate to {length} bytes");
            }
            case 5:
            {
                var extra = new byte[1 + random.Next(64)];
                random.NextBytes(extra);
                return (bytes.Concat(extra).ToArray(), $"append {extra.Length} bytes");
            }
            case 6:
            {
                int at = Position();
                var extra = new byte[1 + random.Next(16)];
                random.NextBytes(extra);
                return (bytes[..at].Concat(extra).Concat(bytes[at..]).ToArray(), $"insert {extra.Length} bytes at {at}");
            }
            case 7:
            {
                int at = Position();
                int count = Math.Min(1 + random.Next(16), n - at);
                return (bytes[..at].Concat(bytes[(at + count)..]).ToArray(), $"delete {count} bytes at {at}");
            }
            case 8:
            {
                int from = random.Next(n), length = Math.Min(1 + random.Next(256), n - from), to = Position();
                return (bytes[..to].Concat(bytes.AsSpan(from, length).ToArray()).Concat(bytes[to..]).ToArray(),
                    $"duplicate {length} bytes from {from} at {to}");
            }
            case 9:
            {
                int length = 1 + random.Next(Math.Max(1, Math.Min(256, n / 4)));
                int a = random.Next(n - 2 * length + 1);
                int b = a + length + random.Next(n - a - 2 * length + 1);
                var first = bytes.AsSpan(a, length).ToArray();
                bytes.AsSpan(b, length).CopyTo(bytes.AsSpan(a, length));
                first.CopyTo(bytes.AsSpan(b, length));
                return (bytes, $"swap {length} bytes at {a} and {b}");
            }
            default:
            {
                // Several flips at once: what a bad sector or a faulty transfer leaves.
                int flips = 2 + random.Next(7);
                for (int i = 0; i < flips; i++)
                    bytes[Position()] ^= (byte)(1 << random.Next(8));
                return (bytes, $"flip {flips} bits");
            }
        }
    }

    private static long Nasty(Random random) =>
        random.Next(4) == 0 ? random.NextInt64() : NastyValues[random.Next(NastyValues.Length)];
}
