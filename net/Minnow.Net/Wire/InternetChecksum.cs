using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Minnow.Net.Wire;

/// <summary>
/// The 16-bit ones' complement checksum of RFC 1071, used by IPv4, ICMP, UDP and TCP.
/// </summary>
/// <remarks>
/// The ones' complement sum does not depend on byte order (RFC 1071 section 2(B)), so the data is
/// summed as native-order 64-bit words with end-around carry and only the folded result is swapped
/// to network order. Partial sums must cover even-length pieces so every piece starts on a 16-bit
/// boundary of the checksummed data.
/// </remarks>
public static class InternetChecksum
{
    /// <summary>Adds <paramref name="data"/> to a running sum.</summary>
    public static ulong Accumulate(ReadOnlySpan<byte> data, ulong sum = 0)
    {
        if (Vector256.IsHardwareAccelerated && data.Length >= 64)
        {
            int vectorBytes = data.Length & ~31;
            sum = AccumulateVector256(data[..vectorBytes], sum);
            data = data[vectorBytes..];
        }
        else if (Vector128.IsHardwareAccelerated && data.Length >= 32)
        {
            int vectorBytes = data.Length & ~15;
            sum = AccumulateVector128(data[..vectorBytes], sum);
            data = data[vectorBytes..];
        }
        return AccumulateScalar(data, sum);
    }

    /// <summary>
    /// Adds the two 32-bit halves of each 64-bit word into 64 bits, so no carry is lost and there
    /// is no branch; 2^32 words would be needed to overflow.
    /// </summary>
    internal static ulong AccumulateScalar(ReadOnlySpan<byte> data, ulong sum)
    {
        ReadOnlySpan<ulong> words = MemoryMarshal.Cast<byte, ulong>(data);
        ulong wide = 0;
        foreach (ulong word in words)
        {
            wide += (uint)word;
            wide += word >> 32;
        }
        int rest = data.Length & 7;
        if (rest != 0)
        {
            // The last bytes as a word in memory order, padded with zeros as RFC 1071 pads an odd byte.
            ReadOnlySpan<byte> tail = data[^rest..];
            ulong word = 0;
            for (int i = 0; i < tail.Length; i++)
            {
                word |= (ulong)tail[i] << (BitConverter.IsLittleEndian ? 8 * i : 56 - 8 * i);
            }
            wide += (uint)word;
            wide += word >> 32;
        }
        return AddWithCarry(sum, wide);
    }

    /// <summary>
    /// Sums 32-byte blocks as sixteen 16-bit lanes widened into 32-bit accumulators: no carries to
    /// propagate inside the loop, and a lane cannot overflow within 32768 blocks, so the lanes are
    /// flushed into the 64-bit sum every 16384 blocks.
    /// </summary>
    /// <remarks><paramref name="data"/> is a multiple of 32 bytes.</remarks>
    internal static ulong AccumulateVector256(ReadOnlySpan<byte> data, ulong sum)
    {
        ReadOnlySpan<ushort> words = MemoryMarshal.Cast<byte, ushort>(data);
        int blocks = words.Length / Vector256<ushort>.Count;
        int index = 0;
        while (blocks > 0)
        {
            int batch = Math.Min(blocks, 16384);
            Vector256<uint> lanes = Vector256<uint>.Zero;
            for (int b = 0; b < batch; b++)
            {
                (Vector256<uint> low, Vector256<uint> high) = Vector256.Widen(Vector256.Create(words.Slice(index, Vector256<ushort>.Count)));
                lanes += low + high;
                index += Vector256<ushort>.Count;
            }
            (Vector256<ulong> lanesLow, Vector256<ulong> lanesHigh) = Vector256.Widen(lanes);
            sum = AddWithCarry(sum, Vector256.Sum(lanesLow + lanesHigh));
            blocks -= batch;
        }
        return sum;
    }

    /// <summary>The same as <see cref="AccumulateVector256"/> with 16-byte vectors (x86-64-v2, Arm64).</summary>
    /// <remarks><paramref name="data"/> is a multiple of 16 bytes.</remarks>
    internal static ulong AccumulateVector128(ReadOnlySpan<byte> data, ulong sum)
    {
        ReadOnlySpan<ushort> words = MemoryMarshal.Cast<byte, ushort>(data);
        int blocks = words.Length / Vector128<ushort>.Count;
        int index = 0;
        while (blocks > 0)
        {
            int batch = Math.Min(blocks, 16384);
            Vector128<uint> lanes = Vector128<uint>.Zero;
            for (int b = 0; b < batch; b++)
            {
                (Vector128<uint> low, Vector128<uint> high) = Vector128.Widen(Vector128.Create(words.Slice(index, Vector128<ushort>.Count)));
                lanes += low + high;
                index += Vector128<ushort>.Count;
            }
            (Vector128<ulong> lanesLow, Vector128<ulong> lanesHigh) = Vector128.Widen(lanes);
            sum = AddWithCarry(sum, Vector128.Sum(lanesLow + lanesHigh));
            blocks -= batch;
        }
        return sum;
    }

    private static ulong AddWithCarry(ulong sum, ulong value)
    {
        sum += value;
        return sum < value ? sum + 1 : sum;
    }

    /// <summary>Folds a running sum and complements it: the value to store in a checksum field.</summary>
    /// <returns>The checksum as a number whose big-endian encoding goes on the wire.</returns>
    public static ushort Finish(ulong sum)
    {
        sum = (sum & 0xFFFF_FFFF) + (sum >> 32);
        sum = (sum & 0xFFFF_FFFF) + (sum >> 32);
        sum = (sum & 0xFFFF) + (sum >> 16);
        sum = (sum & 0xFFFF) + (sum >> 16);
        ushort native = (ushort)sum;
        ushort network = BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(native) : native;
        return (ushort)~network;
    }

    /// <summary>The checksum of one contiguous buffer.</summary>
    public static ushort Compute(ReadOnlySpan<byte> data) => Finish(Accumulate(data));

    /// <summary>
    /// The sum of the IPv4 pseudo-header UDP and TCP include (RFC 768, RFC 9293 section 3.1).
    /// </summary>
    public static ulong PseudoHeader(Ipv4Address source, Ipv4Address destination, IpProtocol protocol, int length)
    {
        // Summed as big-endian 16-bit words, then moved into the memory-order domain the other
        // sums use: swapping the bytes of a folded sum is the same as summing swapped words.
        ulong sum = (source.Value >> 16) + (source.Value & 0xFFFF) + (destination.Value >> 16) + (destination.Value & 0xFFFF)
            + (uint)protocol + (uint)length;
        sum = (sum & 0xFFFF) + (sum >> 16);
        sum = (sum & 0xFFFF) + (sum >> 16);
        return BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness((ushort)sum) : sum;
    }
}
