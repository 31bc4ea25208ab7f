using System.Buffers.Binary;

namespace Minnow.Net.Wire;

/// <summary>An ARP packet for Ethernet and IPv4 (RFC 826).</summary>
public readonly struct ArpPacket
{
    public const int Length = 28;

    public ArpPacket(ArpOperation operation, MacAddress senderMac, Ipv4Address senderIp, MacAddress targetMac, Ipv4Address targetIp)
    {
        Operation = operation;
        SenderMac = senderMac;
        SenderIp = senderIp;
        TargetMac = targetMac;
        TargetIp = targetIp;
    }

    public ArpOperation Operation { get; }

    public MacAddress SenderMac { get; }

    public Ipv4Address SenderIp { get; }

    public MacAddress TargetMac { get; }

    public Ipv4Address TargetIp { get; }

    public static ArpStatus TryParse(ReadOnlySpan<byte> packet, out ArpPacket arp)
    {
        arp = default;
        if (packet.Length < Length)
        {
            return ArpStatus.Truncated;
        }
        if (BinaryPrimitives.ReadUInt16BigEndian(packet) != 1
            || BinaryPrimitives.ReadUInt16BigEndian(packet[2..]) != EtherType.Ipv4
            || packet[4] != MacAddress.Length
            || packet[5] != Ipv4Address.Length)
        {
            return ArpStatus.UnsupportedAddressTypes;
        }
        ushort operation = BinaryPrimitives.ReadUInt16BigEndian(packet[6..]);
        if (operation != (ushort)ArpOperation.Request && operation != (ushort)ArpOperation.Reply)
        {
            return ArpStatus.UnsupportedOperation;
        }
        arp = new ArpPacket(
            (ArpOperation)operation,
            MacAddress.Read(packet[8..]),
            Ipv4Address.Read(packet[14..]),
            MacAddress.Read(packet[18..]),
            Ipv4Address.Read(packet[24..]));
        return ArpStatus.Ok;
    }

    public void Write(Span<byte> packet)
    {
        BinaryPrimitives.WriteUInt16BigEndian(packet, 1);
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], EtherType.Ipv4);
        packet[4] = MacAddress.Length;
        packet[5] = Ipv4Address.Length;
        BinaryPrimitives.WriteUInt16BigEndian(packet[6..], (ushort)Operation);
        SenderMac.Write(packet[8..]);
        SenderIp.Write(packet[14..]);
        TargetMac.Write(packet[18..]);
        TargetIp.Write(packet[24..]);
    }
}
