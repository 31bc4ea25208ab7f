using System.Buffers.Binary;

namespace Minnow.Net.Wire;

/// <summary>An IPv4 header (RFC 791). Options are validated for length and skipped.</summary>
public readonly struct Ipv4Header
{
    public const int MinimumLength = 20;
    public const byte DefaultTtl = 64;

    public Ipv4Header(Ipv4Address source, Ipv4Address destination, IpProtocol protocol, byte ttl, ushort identification, byte typeOfService, bool dontFragment, int headerLength, int totalLength)
    {
        Source = source;
        Destination = destination;
        Protocol = protocol;
        Ttl = ttl;
        Identification = identification;
        TypeOfService = typeOfService;
        DontFragment = dontFragment;
        HeaderLength = headerLength;
        TotalLength = totalLength;
    }

    public Ipv4Address Source { get; }

    public Ipv4Address Destination { get; }

    /// <summary>The protocol number; may be a value outside <see cref="IpProtocol"/>'s names.</summary>
    public IpProtocol Protocol { get; }

    public byte Ttl { get; }

    public ushort Identification { get; }

    /// <summary>DSCP and ECN bits.</summary>
    public byte TypeOfService { get; }

    public bool DontFragment { get; }

    /// <summary>The header length in bytes, options included.</summary>
    public int HeaderLength { get; }

    /// <summary>Header plus payload; link-layer padding beyond it is not part of the packet.</summary>
    public int TotalLength { get; }

    public int PayloadLength => TotalLength - HeaderLength;

    /// <summary>Parses and validates a header, its checksum included.</summary>
    /// <remarks>A host does not drop packets for their TTL (RFC 1122 3.2.1.7); only routers do.</remarks>
    public static Ipv4Status TryParse(ReadOnlySpan<byte> packet, out Ipv4Header header)
    {
        header = default;
        if (packet.Length < MinimumLength)
        {
            return Ipv4Status.Truncated;
        }
        if (packet[0] >> 4 != 4)
        {
            return Ipv4Status.BadVersion;
        }
        int headerLength = (packet[0] & 0x0F) * 4;
        if (headerLength < MinimumLength)
        {
            return Ipv4Status.BadHeaderLength;
        }
        if (packet.Length < headerLength)
        {
            return Ipv4Status.Truncated;
        }
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        if (totalLength < headerLength || totalLength > packet.Length)
        {
            return Ipv4Status.BadTotalLength;
        }
        if (InternetChecksum.Compute(packet[..headerLength]) != 0)
        {
            return Ipv4Status.BadChecksum;
        }
        ushort flagsAndOffset = BinaryPrimitives.ReadUInt16BigEndian(packet[6..]);
        bool moreFragments = (flagsAndOffset & 0x2000) != 0;
        if (moreFragments || (flagsAndOffset & 0x1FFF) != 0)
        {
            return Ipv4Status.Fragment;
        }
        header = new Ipv4Header(
            Ipv4Address.Read(packet[12..]),
            Ipv4Address.Read(packet[16..]),
            (IpProtocol)packet[9],
            packet[8],
            BinaryPrimitives.ReadUInt16BigEndian(packet[4..]),
            packet[1],
            (flagsAndOffset & 0x4000) != 0,
            headerLength,
            totalLength);
        return Ipv4Status.Ok;
    }

    /// <summary>Writes a 20-byte header without options, checksum included.</summary>
    public static void Write(Span<byte> packet, Ipv4Address source, Ipv4Address destination, IpProtocol protocol, int payloadLength, ushort identification, byte ttl = DefaultTtl, bool dontFragment = true, byte typeOfService = 0)
    {
        packet[0] = 0x45;
        packet[1] = typeOfService;
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], (ushort)(MinimumLength + payloadLength));
        BinaryPrimitives.WriteUInt16BigEndian(packet[4..], identification);
        BinaryPrimitives.WriteUInt16BigEndian(packet[6..], dontFragment ? (ushort)0x4000 : (ushort)0);
        packet[8] = ttl;
        packet[9] = (byte)protocol;
        packet[10] = 0;
        packet[11] = 0;
        source.Write(packet[12..]);
        destination.Write(packet[16..]);
        BinaryPrimitives.WriteUInt16BigEndian(packet[10..], InternetChecksum.Compute(packet[..MinimumLength]));
    }
}
