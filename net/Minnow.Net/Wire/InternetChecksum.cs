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
            sum = AccumulateVector(data, sum, out int consumed);
            data = data[consumed..];
        }
        ReadOnlySpan<ulong> words = MemoryMarshal.Cast<byte, ulong>(data);
        foreach (ulong word in words)
        {
            sum += word;
            if (sum < word)
            {
                sum++;
            }
        }
        ReadOnlySpan<byte> tail = data[(words.Length * sizeof(ulong))..];
        if (!tail.IsEmpty)
        {
            // Pad with zeros at the end, in memory order, as RFC 1071 pads an odd byte.
            Span<byte> padded = stackalloc byte[sizeof(ulong)];
            padded.Clear();
            tail.CopyTo(padded);
            ulong word = MemoryMarshal.Read<ulong>(padded);
            sum += word;
            if (sum < word)
            {
                sum++;
            }
        }
        return sum;
    }

    /// <summary>
    /// Sums 32-byte blocks as sixteen 16-bit lanes widened into 32-bit accumulators: no carries to
    /// propagate inside the loop, and a lane cannot overflow within 32768 blocks, so the lanes are
    /// flushed into the 64-bit sum every 16384 blocks.
    /// </summary>
    private static ulong AccumulateVector(ReadOnlySpan<byte> data, ulong sum, out int consumed)
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
            ulong batchSum = Vector256.Sum(lanesLow + lanesHigh);
            sum += batchSum;
            if (sum < batchSum)
            {
                sum++;
            }
            blocks -= batch;
        }
        consumed = index * sizeof(ushort);
        return sum;
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
        Span<byte> header = stackalloc byte[12];
        source.Write(header);
        destination.Write(header[4..]);
        header[8] = 0;
        header[9] = (byte)protocol;
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], (ushort)length);
        return Accumulate(header);
    }
}
