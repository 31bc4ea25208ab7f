using Minnow.Net.Wire;

namespace Minnow.Net.Tests.Support;

/// <summary>Builds whole frames with the wire writers, for injecting into a device.</summary>
public static class FrameBuilder
{
    public static byte[] Arp(ArpOperation operation, MacAddress from, Ipv4Address fromIp, MacAddress targetMac, Ipv4Address targetIp, MacAddress destination, ushort vlan = 0)
    {
        int header = EthernetFrame.HeaderLengthFor(vlan);
        byte[] frame = new byte[Math.Max(header + ArpPacket.Length, 60)];
        EthernetFrame.Write(frame, destination, from, EtherType.Arp, vlan);
        new ArpPacket(operation, from, fromIp, targetMac, targetIp).Write(frame.AsSpan(header));
        return frame;
    }

    public static byte[] Ipv4(MacAddress from, MacAddress to, Ipv4Address source, Ipv4Address destination, IpProtocol protocol, ReadOnlySpan<byte> payload, ushort vlan = 0)
    {
        int header = EthernetFrame.HeaderLengthFor(vlan);
        byte[] frame = new byte[Math.Max(header + 20 + payload.Length, 60)];
        EthernetFrame.Write(frame, to, from, EtherType.Ipv4, vlan);
        Ipv4Header.Write(frame.AsSpan(header), source, destination, protocol, payload.Length, 1);
        payload.CopyTo(frame.AsSpan(header + 20));
        return frame;
    }

    public static byte[] Udp(MacAddress from, MacAddress to, Ipv4Endpoint source, Ipv4Endpoint destination, ReadOnlySpan<byte> data, ushort vlan = 0)
    {
        byte[] datagram = new byte[8 + data.Length];
        data.CopyTo(datagram.AsSpan(8));
        UdpHeader.Write(datagram, source.Port, destination.Port, source.Address, destination.Address);
        return Ipv4(from, to, source.Address, destination.Address, IpProtocol.Udp, datagram, vlan);
    }

    public static byte[] EchoRequest(MacAddress from, MacAddress to, Ipv4Address source, Ipv4Address destination, ushort id, ushort sequence, ReadOnlySpan<byte> data)
    {
        byte[] message = new byte[8 + data.Length];
        data.CopyTo(message.AsSpan(8));
        IcmpMessage.Write(message, IcmpMessage.EchoRequest, 0, id, sequence);
        return Ipv4(from, to, source, destination, IpProtocol.Icmp, message);
    }

    public static byte[] Tcp(MacAddress from, MacAddress to, Ipv4Endpoint source, Ipv4Endpoint destination, uint seq, uint ack, TcpFlags flags, ushort window, ReadOnlySpan<byte> data, TcpOptions options = default)
    {
        int header = TcpHeader.LengthWith(options);
        byte[] segment = new byte[header + data.Length];
        data.CopyTo(segment.AsSpan(header));
        TcpHeader.Write(segment, source.Port, destination.Port, new TcpSeqNumber(seq), new TcpSeqNumber(ack), flags, window, options, source.Address, destination.Address);
        return Ipv4(from, to, source.Address, destination.Address, IpProtocol.Tcp, segment);
    }
}
