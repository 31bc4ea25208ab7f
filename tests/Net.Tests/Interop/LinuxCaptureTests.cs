using Minnow.Net.Tests.Support;
using Minnow.Net.Wire;

namespace Minnow.Net.Tests.Interop;

/// <summary>
/// Frames Linux sent between two network namespaces (Fixtures/linux-veth.pcap, made by
/// Fixtures/make-linux-capture.sh with checksum offload off): Minnow's parsers must accept every
/// checksum Linux computed and read its TCP options as Wireshark does.
/// </summary>
public class LinuxCaptureTests
{
    private static readonly List<byte[]> Frames = PcapReader.ReadFrames(Path.Combine(AppContext.BaseDirectory, "Fixtures", "linux-veth.pcap"));

    [Fact]
    public void EveryIpv4PacketLinuxSentVerifies()
    {
        int ipv4 = 0, tcp = 0, udp = 0, icmp = 0, arp = 0;
        foreach (byte[] frame in Frames)
        {
            Assert.Equal(EthernetStatus.Ok, EthernetFrame.TryParse(frame, out EthernetFrame ethernet));
            ReadOnlySpan<byte> payload = frame.AsSpan(ethernet.PayloadOffset);
            if (ethernet.EtherType == EtherType.Arp)
            {
                Assert.Equal(ArpStatus.Ok, ArpPacket.TryParse(payload, out _));
                arp++;
                continue;
            }
            if (ethernet.EtherType != EtherType.Ipv4)
            {
                continue; // IPv6 neighbour discovery the kernel sends on its own
            }
            Assert.Equal(Ipv4Status.Ok, Ipv4Header.TryParse(payload, out Ipv4Header ip));
            ipv4++;
            ReadOnlySpan<byte> body = payload.Slice(ip.HeaderLength, ip.PayloadLength);
            switch (ip.Protocol)
            {
                case IpProtocol.Tcp:
                    Assert.Equal(TcpStatus.Ok, TcpHeader.TryParse(body, ip.Source, ip.Destination, out _));
                    tcp++;
                    break;
                case IpProtocol.Udp:
                    Assert.Equal(UdpStatus.Ok, UdpHeader.TryParse(body, ip.Source, ip.Destination, out _));
                    udp++;
                    break;
                case IpProtocol.Icmp:
                    Assert.Equal(IcmpStatus.Ok, IcmpMessage.TryParse(body, out _));
                    icmp++;
                    break;
            }
        }
        Assert.True(arp >= 2 && icmp == 2 && udp == 2 && tcp > 20, $"arp {arp} icmp {icmp} udp {udp} tcp {tcp} of {ipv4}");
    }

    [Fact]
    public void ReadsLinuxSynOptions()
    {
        foreach (byte[] frame in Frames)
        {
            EthernetFrame.TryParse(frame, out EthernetFrame ethernet);
            if (ethernet.EtherType != EtherType.Ipv4)
            {
                continue;
            }
            ReadOnlySpan<byte> payload = frame.AsSpan(ethernet.PayloadOffset);
            Ipv4Header.TryParse(payload, out Ipv4Header ip);
            if (ip.Protocol != IpProtocol.Tcp)
            {
                continue;
            }
            TcpHeader.TryParse(payload.Slice(ip.HeaderLength, ip.PayloadLength), ip.Source, ip.Destination, out TcpHeader tcp);
            if (tcp.Flags == TcpFlags.Syn)
            {
                // As tshark decodes it: MSS=1460 SACK_PERM TSval=... TSecr=0 WS=1024.
                Assert.Equal(1460, tcp.Options.MaxSegmentSize);
                Assert.True(tcp.Options.SackPermitted);
                Assert.True(tcp.Options.HasTimestamps);
                Assert.Equal(0u, tcp.Options.TimestampEcho);
                Assert.True(tcp.Options.HasWindowScale);
                Assert.Equal(10, tcp.Options.WindowScale);
                return;
            }
        }
        Assert.Fail("no SYN in the capture");
    }

    [Fact]
    public void AnswersLinuxArpRequestAndPingAsTheCapturedHostDid()
    {
        // Stand in for 10.77.0.2 with its MAC, replay what 10.77.0.1 sent, and compare replies.
        byte[] request = Frames.First(f => EthernetFrame.TryParse(f, out EthernetFrame e) == EthernetStatus.Ok && e.EtherType == EtherType.Arp && MacAddress.Read(f).IsBroadcast);
        ArpPacket.TryParse(request.AsSpan(14), out ArpPacket asked);
        byte[] linuxReply = Frames.First(f => EthernetFrame.TryParse(f, out EthernetFrame e) == EthernetStatus.Ok && e.EtherType == EtherType.Arp && !MacAddress.Read(f).IsBroadcast);
        MacAddress ourMac = MacAddress.Read(linuxReply.AsSpan(6));
        var device = new CapturingDevice(ourMac);
        var iface = new Interface(device);
        iface.Configure(new Ipv4Cidr(asked.TargetIp, 24));
        device.Inject(request);
        byte[] ping = Frames.First(f => IsIcmpType(f, IcmpMessage.EchoRequest));
        device.Inject(ping);
        iface.Poll(TimeSpan.Zero);
        Assert.Equal(2, device.Sent.Count);
        // Linux's ARP reply is 42 bytes on the capture side (no padding yet); ours is padded to 60.
        Assert.Equal(Hex.Of(linuxReply), Hex.Of(device.Sent[0].AsSpan(0, linuxReply.Length)));
        byte[] linuxPong = Frames.First(f => IsIcmpType(f, IcmpMessage.EchoReply));
        // Same ICMP message (type, checksum, id, sequence, data) as Linux's reply.
        Assert.Equal(Hex.Of(linuxPong.AsSpan(34)), Hex.Of(device.Sent[1].AsSpan(34, linuxPong.Length - 34)));
    }

    private static bool IsIcmpType(byte[] frame, byte type) =>
        EthernetFrame.TryParse(frame, out EthernetFrame e) == EthernetStatus.Ok && e.EtherType == EtherType.Ipv4
        && frame.Length > 34 && frame[14 + 9] == (byte)IpProtocol.Icmp && frame[34] == type;
}
