using System.Buffers.Binary;

namespace Minnow.Net.Wire;

/// <summary>A TCP header (RFC 9293 section 3.1) with its parsed options.</summary>
public readonly struct TcpHeader
{
    public const int MinimumLength = 20;
    public const int MaximumLength = 60;

    public TcpHeader(ushort sourcePort, ushort destinationPort, TcpSeqNumber sequence, TcpSeqNumber acknowledgment, TcpFlags flags, ushort window, ushort urgentPointer, int headerLength, TcpOptions options)
    {
        SourcePort = sourcePort;
        DestinationPort = destinationPort;
        Sequence = sequence;
        Acknowledgment = acknowledgment;
        Flags = flags;
        Window = window;
        UrgentPointer = urgentPointer;
        HeaderLength = headerLength;
        Options = options;
    }

    public ushort SourcePort { get; }

    public ushort DestinationPort { get; }

    public TcpSeqNumber Sequence { get; }

    public TcpSeqNumber Acknowledgment { get; }

    public TcpFlags Flags { get; }

    /// <summary>The raw window field, before the connection's window scale is applied.</summary>
    public ushort Window { get; }

    public ushort UrgentPointer { get; }

    /// <summary>The data offset in bytes.</summary>
    public int HeaderLength { get; }

    public TcpOptions Options { get; }

    public bool Has(TcpFlags flag) => (Flags & flag) != 0;

    /// <summary>Parses a segment (the IP payload) and verifies its checksum against the pseudo-header.</summary>
    public static TcpStatus TryParse(ReadOnlySpan<byte> segment, Ipv4Address source, Ipv4Address destination, out TcpHeader header)
        => TryParse(segment, source, destination, FrameChecksum.Unverified, out header);

    /// <summary>Parses a segment; its checksum is verified unless the device vouched for it (<paramref name="checksum"/>).</summary>
    public static TcpStatus TryParse(ReadOnlySpan<byte> segment, Ipv4Address source, Ipv4Address destination, FrameChecksum checksum, out TcpHeader header)
    {
        header = default;
        if (segment.Length < MinimumLength)
        {
            return TcpStatus.Truncated;
        }
        int headerLength = (segment[12] >> 4) * 4;
        if (headerLength < MinimumLength || headerLength > segment.Length)
        {
            return TcpStatus.BadDataOffset;
        }
        if (checksum != FrameChecksum.Valid)
        {
            ulong sum = InternetChecksum.PseudoHeader(source, destination, IpProtocol.Tcp, segment.Length);
            if (InternetChecksum.Finish(InternetChecksum.Accumulate(segment, sum)) != 0)
            {
                return TcpStatus.BadChecksum;
            }
        }
        TcpStatus optionStatus = TcpOptions.TryParse(segment[MinimumLength..headerLength], out TcpOptions options);
        if (optionStatus != TcpStatus.Ok)
        {
            return optionStatus;
        }
        header = new TcpHeader(
            BinaryPrimitives.ReadUInt16BigEndian(segment),
            BinaryPrimitives.ReadUInt16BigEndian(segment[2..]),
            new TcpSeqNumber(BinaryPrimitives.ReadUInt32BigEndian(segment[4..])),
            new TcpSeqNumber(BinaryPrimitives.ReadUInt32BigEndian(segment[8..])),
            (TcpFlags)segment[13],
            BinaryPrimitives.ReadUInt16BigEndian(segment[14..]),
            BinaryPrimitives.ReadUInt16BigEndian(segment[18..]),
            headerLength,
            options);
        return TcpStatus.Ok;
    }

    /// <summary>
    /// Writes the header and options at the start of <paramref name="segment"/>, whose data must
    /// already follow them, and checksums the whole segment.
    /// </summary>
    public static void Write(Span<byte> segment, ushort sourcePort, ushort destinationPort, TcpSeqNumber sequence, TcpSeqNumber acknowledgment, TcpFlags flags, ushort window, in TcpOptions options, Ipv4Address source, Ipv4Address destination)
        => Write(segment, sourcePort, destinationPort, sequence, acknowledgment, flags, window, options, source, destination, checksumByDevice: false);

    /// <summary>
    /// Writes the header; with <paramref name="checksumByDevice"/> the checksum field gets only the
    /// folded pseudo-header sum (not complemented), which a device with checksum offload completes
    /// over the segment (virtio NEEDS_CSUM; Linux's CHECKSUM_PARTIAL).
    /// </summary>
    public static void Write(Span<byte> segment, ushort sourcePort, ushort destinationPort, TcpSeqNumber sequence, TcpSeqNumber acknowledgment, TcpFlags flags, ushort window, in TcpOptions options, Ipv4Address source, Ipv4Address destination, bool checksumByDevice)
    {
        int headerLength = MinimumLength + options.EncodedLength;
        BinaryPrimitives.WriteUInt16BigEndian(segment, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(segment[2..], destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(segment[4..], sequence.Value);
        BinaryPrimitives.WriteUInt32BigEndian(segment[8..], acknowledgment.Value);
        segment[12] = (byte)((headerLength / 4) << 4);
        segment[13] = (byte)flags;
        BinaryPrimitives.WriteUInt16BigEndian(segment[14..], window);
        segment[16] = 0;
        segment[17] = 0;
        segment[18] = 0;
        segment[19] = 0;
        options.Write(segment[MinimumLength..]);
        ulong sum = InternetChecksum.PseudoHeader(source, destination, IpProtocol.Tcp, segment.Length);
        ushort checksum = checksumByDevice
            ? (ushort)~InternetChecksum.Finish(sum)
            : InternetChecksum.Finish(InternetChecksum.Accumulate(segment, sum));
        BinaryPrimitives.WriteUInt16BigEndian(segment[16..], checksum);
    }

    /// <summary>The header length <see cref="Write"/> produces with these options.</summary>
    public static int LengthWith(in TcpOptions options) => MinimumLength + options.EncodedLength;
}
