namespace Tour.Tests;

/// <summary>A bit-at-a-time CRC-32C (Castagnoli, reflected 0x82F63B78): an oracle independent of the C core's tables and SSE4.2 path.</summary>
internal static class Crc32C
{
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
            }
        }

        return ~crc;
    }

    /// <summary>The checksum the tour's pool task computes for <paramref name="seed"/>: 4 MiB from <c>new Random(seed)</c>.</summary>
    public static uint OfRandomBlock(int seed)
    {
        var block = new byte[4 << 20];
        new Random(seed).NextBytes(block);
        return Compute(block);
    }
}
