using System.Buffers.Binary;

namespace Minnow.Net.Wire;

/// <summary>A UDP header (RFC 768).</summary>
public readonly struct UdpHeader
{
    public const int Length = 8;

    public UdpHeader(ushort sourcePort, ushort destinationPort, int datagramLength)
    {
        SourcePort = sourcePort;
        DestinationPort = destinationPort;
        DatagramLength = datagramLength;
    }

    public ushort SourcePort { get; }

    public ushort DestinationPort { get; }

    /// <summary>Header plus payload, from the length field.</summary>
    public int DatagramLength { get; }

    public int PayloadLength => DatagramLength - Length;

    /// <summary>Parses a datagram (the IP payload) and verifies its checksum unless the sender sent none (0).</summary>
    public static UdpStatus TryParse(ReadOnlySpan<byte> datagram, Ipv4Address source, Ipv4Address destination, out UdpHeader header)
        => TryParse(datagram, source, destination, FrameChecksum.Unverified, out header);

    /// <summary>Parses a datagram; its checksum is verified unless the device vouched for it (<paramref name="checksum"/>).</summary>
    public static UdpStatus TryParse(ReadOnlySpan<byte> datagram, Ipv4Address source, Ipv4Address destination, FrameChecksum checksum, out UdpHeader header)
    {
        header = default;
        if (datagram.Length < Length)
        {
            return UdpStatus.Truncated;
        }
        int length = BinaryPrimitives.ReadUInt16BigEndian(datagram[4..]);
        if (length < Length || length > datagram.Length)
        {
            return UdpStatus.BadLength;
        }
        if (checksum != FrameChecksum.Valid && BinaryPrimitives.ReadUInt16BigEndian(datagram[6..]) != 0)
        {
            ulong sum = InternetChecksum.PseudoHeader(source, destination, IpProtocol.Udp, length);
            if (InternetChecksum.Finish(InternetChecksum.Accumulate(datagram[..length], sum)) != 0)
            {
                return UdpStatus.BadChecksum;
            }
        }
        header = new UdpHeader(BinaryPrimitives.ReadUInt16BigEndian(datagram), BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]), length);
        return UdpStatus.Ok;
    }

    /// <summary>Writes the header over a datagram whose payload already follows it, checksum included.</summary>
    public static void Write(Span<byte> datagram, ushort sourcePort, ushort destinationPort, Ipv4Address source, Ipv4Address destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(datagram, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(datagram[2..], destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(datagram[4..], (ushort)datagram.Length);
        datagram[6] = 0;
        datagram[7] = 0;
        ulong sum = InternetChecksum.PseudoHeader(source, destination, IpProtocol.Udp, datagram.Length);
        ushort checksum = InternetChecksum.Finish(InternetChecksum.Accumulate(datagram, sum));
        // 0 means "no checksum" in UDP, so a computed 0 goes out as its other representation.
        BinaryPrimitives.WriteUInt16BigEndian(datagram[6..], checksum == 0 ? (ushort)0xFFFF : checksum);
    }
}
