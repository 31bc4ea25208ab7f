using Minnow.Net.Tests.Support;
using Minnow.Net.Wire;

namespace Minnow.Net.Tests.Stack;

public class InterfaceTests
{
    private static readonly MacAddress OurMac = new(0x52, 0x54, 0x00, 0x12, 0x34, 0x56);
    private static readonly MacAddress PeerMac = new(0x52, 0x54, 0x00, 0xaa, 0xbb, 0xcc);
    private static readonly Ipv4Address Ours = Ipv4Address.Parse("10.0.2.15");
    private static readonly Ipv4Address Peer = Ipv4Address.Parse("10.0.2.2");

    private static (Interface Iface, CapturingDevice Device) Create(ushort vlan = 0)
    {
        var device = new CapturingDevice(OurMac);
        var iface = new Interface(device, new InterfaceOptions { VlanId = vlan, Secret = 42 });
        iface.Configure(new Ipv4Cidr(Ours, 24), Peer);
        return (iface, device);
    }

    [Fact]
    public void AnswersArpRequestForItsAddressByteExact()
    {
        (Interface iface, CapturingDevice device) = Create();
        device.Inject(FrameBuilder.Arp(ArpOperation.Request, PeerMac, Peer, MacAddress.Zero, Ours, MacAddress.Broadcast));
        iface.Poll(TimeSpan.Zero);
        byte[] reply = Assert.Single(device.Sent);
        // Ethernet to the asker, ARP reply (op 2) from us, padded to 60 bytes.
        string expected = "525400aabbcc 525400123456 0806"
            + "0001 0800 06 04 0002 525400123456 0a00020f 525400aabbcc 0a000202".Replace(" ", "")
            + new string('0', 36);
        Assert.Equal(expected.Replace(" ", ""), Hex.Of(reply));
        Assert.True(iface.ArpCache.TryLookup(Peer, TimeSpan.Zero, out MacAddress learnt));
        Assert.Equal(PeerMac, learnt);
    }

    [Fact]
    public void SkipsTheUdpChecksumOnlyWhenTheDeviceVouchesForIt()
    {
        (Interface iface, CapturingDevice device) = Create();
        var udp = iface.CreateUdpSocket();
        Assert.Equal(Udp.UdpBindStatus.Ok, udp.Bind(4000));
        byte[] Partial()
        {
            // A sender on the host that left the checksum to the NIC: the field holds the
            // pseudo-header sum only (virtio NEEDS_CSUM).
            byte[] frame = FrameBuilder.Udp(PeerMac, OurMac, new Ipv4Endpoint(Peer, 53), new Ipv4Endpoint(Ours, 4000), "offloaded"u8);
            ulong pseudo = InternetChecksum.PseudoHeader(Peer, Ours, IpProtocol.Udp, 8 + 9);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(14 + 20 + 6), (ushort)~InternetChecksum.Finish(pseudo));
            return frame;
        }
        device.Inject(Partial());
        iface.Poll(TimeSpan.Zero);
        Assert.Equal(1, iface.Drops[DropReason.UdpBadChecksum]);
        Assert.False(udp.TryReceiveFrom(new byte[64], out _, out _));

        device.Inject(Partial(), FrameChecksum.Valid);
        iface.Poll(TimeSpan.Zero);
        byte[] buffer = new byte[64];
        Assert.True(udp.TryReceiveFrom(buffer, out int length, out _));
        Assert.Equal("offloaded", System.Text.Encoding.ASCII.GetString(buffer, 0, length));
        Assert.Equal(1, iface.Statistics.FramesWithDeviceChecksum);

        // The IPv4 header checksum is always verified.
        byte[] badHeader = Partial();
        badHeader[14 + 10] ^= 0xFF;
        device.Inject(badHeader, FrameChecksum.Valid);
        iface.Poll(TimeSpan.Zero);
        Assert.Equal(1, iface.Drops[DropReason.Ipv4BadChecksum]);
    }

    [Fact]
    public void IgnoresArpForOtherAddresses()
    {
        (Interface iface, CapturingDevice device) = Create();
        device.Inject(FrameBuilder.Arp(ArpOperation.Request, PeerMac, Peer, MacAddress.Zero, Ipv4Address.Parse("10.0.2.99"), MacAddress.Broadcast));
        iface.Poll(TimeSpan.Zero);
        Assert.Empty(device.Sent);
        Assert.Equal(1, iface.Drops[DropReason.ArpNotForUs]);
        Assert.Null(iface.ArpCache.Find(Peer));
    }

    [Fact]
    public void QueuesPacketsUntilArpResolvesThenSendsThem()
    {
        (Interface iface, CapturingDevice device) = Create();
        var udp = iface.CreateUdpSocket();
        Assert.Equal(Udp.UdpBindStatus.Ok, udp.Bind(4000));
        Assert.Equal(Udp.UdpSendStatus.Ok, udp.TrySendTo("one"u8, new Ipv4Endpoint(Peer, 53)));
        Assert.Equal(Udp.UdpSendStatus.Ok, udp.TrySendTo("two"u8, new Ipv4Endpoint(Peer, 53)));
        iface.Poll(TimeSpan.Zero);
        byte[] request = Assert.Single(device.Sent);
        Assert.Equal(ArpStatus.Ok, ArpPacket.TryParse(request.AsSpan(14), out ArpPacket arp));
        Assert.Equal(ArpOperation.Request, arp.Operation);
        Assert.Equal(Peer, arp.TargetIp);
        Assert.True(MacAddress.Read(request).IsBroadcast);

        device.Inject(FrameBuilder.Arp(ArpOperation.Reply, PeerMac, Peer, OurMac, Ours, OurMac));
        iface.Poll(TimeSpan.FromMilliseconds(5));
        Assert.Equal(3, device.Sent.Count);
        foreach (byte[] frame in device.Sent.Skip(1))
        {
            Assert.Equal(PeerMac, MacAddress.Read(frame));
            Assert.Equal(Ipv4Status.Ok, Ipv4Header.TryParse(frame.AsSpan(14), out Ipv4Header ip));
            Assert.Equal(UdpStatus.Ok, UdpHeader.TryParse(frame.AsSpan(14 + 20, ip.PayloadLength), ip.Source, ip.Destination, out _));
        }
        Assert.Equal("one", System.Text.Encoding.ASCII.GetString(device.Sent[1].AsSpan(42, 3)));
        Assert.Equal("two", System.Text.Encoding.ASCII.GetString(device.Sent[2].AsSpan(42, 3)));
    }

    [Fact]
    public void RetriesArpThenGivesUpAndCountsTheDroppedPackets()
    {
        (Interface iface, CapturingDevice device) = Create();
        var udp = iface.CreateUdpSocket();
        udp.TrySendTo("x"u8, new Ipv4Endpoint(Peer, 53));
        for (int second = 0; second <= 4; second++)
        {
            iface.Poll(TimeSpan.FromSeconds(second));
        }
        Assert.Equal(3, device.Sent.Count); // three requests, one a second
        Assert.Equal(1, iface.Drops[DropReason.ArpUnresolved]);
        Assert.Null(iface.ArpCache.Find(Peer));
        Assert.Null(iface.NextPollAt());
    }

    [Fact]
    public void ArpEntriesExpire()
    {
        (Interface iface, CapturingDevice device) = Create();
        device.Inject(FrameBuilder.Arp(ArpOperation.Request, PeerMac, Peer, MacAddress.Zero, Ours, MacAddress.Broadcast));
        iface.Poll(TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromSeconds(60), iface.NextPollAt());
        iface.Poll(TimeSpan.FromSeconds(61));
        Assert.False(iface.ArpCache.TryLookup(Peer, TimeSpan.FromSeconds(61), out _));
    }

    [Fact]
    public void RepliesToEchoRequestWithSameIdSequenceAndData()
    {
        (Interface iface, CapturingDevice device) = Create();
        device.Inject(FrameBuilder.Arp(ArpOperation.Reply, PeerMac, Peer, OurMac, Ours, OurMac));
        device.Inject(FrameBuilder.EchoRequest(PeerMac, OurMac, Peer, Ours, 0x1234, 7, "ping payload"u8));
        iface.Poll(TimeSpan.Zero);
        byte[] reply = Assert.Single(device.Sent);
        Assert.Equal(Ipv4Status.Ok, Ipv4Header.TryParse(reply.AsSpan(14), out Ipv4Header ip));
        Assert.Equal(Peer, ip.Destination);
        Assert.Equal(Ours, ip.Source);
        Assert.Equal(IpProtocol.Icmp, ip.Protocol);
        ReadOnlySpan<byte> message = reply.AsSpan(34, ip.PayloadLength);
        Assert.Equal(IcmpStatus.Ok, IcmpMessage.TryParse(message, out IcmpMessage icmp));
        Assert.Equal(IcmpMessage.EchoReply, icmp.Type);
        Assert.Equal(0x1234, icmp.Identifier);
        Assert.Equal(7, icmp.Sequence);
        Assert.Equal("ping payload", System.Text.Encoding.ASCII.GetString(message[8..]));
    }

    [Fact]
    public void DropsAndCountsCorruptPacketsWithoutAnswering()
    {
        (Interface iface, CapturingDevice device) = Create();
        byte[] ping = FrameBuilder.EchoRequest(PeerMac, OurMac, Peer, Ours, 1, 1, "x"u8);
        ping[14 + 10] ^= 0xFF; // IPv4 checksum
        device.Inject(ping);
        byte[] badIcmp = FrameBuilder.EchoRequest(PeerMac, OurMac, Peer, Ours, 1, 1, "x"u8);
        badIcmp[14 + 20 + 8] ^= 0x01; // data under the ICMP checksum
        device.Inject(badIcmp);
        device.Inject(new byte[10]);
        iface.Poll(TimeSpan.Zero);
        Assert.Empty(device.Sent);
        Assert.Equal(1, iface.Drops[DropReason.Ipv4BadChecksum]);
        Assert.Equal(1, iface.Drops[DropReason.IcmpBadChecksum]);
        Assert.Equal(1, iface.Drops[DropReason.EthernetTruncated]);
    }

    [Fact]
    public void CountsFragmentsAsDropped()
    {
        (Interface iface, CapturingDevice device) = Create();
        byte[] frame = FrameBuilder.Udp(PeerMac, OurMac, new Ipv4Endpoint(Peer, 1), new Ipv4Endpoint(Ours, 2), "frag"u8);
        frame[14 + 6] = 0x20; // more fragments
        frame[14 + 10] = 0;
        frame[14 + 11] = 0;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(14 + 10), InternetChecksum.Compute(frame.AsSpan(14, 20)));
        device.Inject(frame);
        iface.Poll(TimeSpan.Zero);
        Assert.Equal(1, iface.Drops[DropReason.Ipv4Fragment]);
    }

    [Fact]
    public void DeliversUdpToTheBoundSocketWithTheSender()
    {
        (Interface iface, CapturingDevice device) = Create();
        var socket = iface.CreateUdpSocket();
        Assert.Equal(Udp.UdpBindStatus.Ok, socket.Bind(7));
        device.Inject(FrameBuilder.Udp(PeerMac, OurMac, new Ipv4Endpoint(Peer, 3333), new Ipv4Endpoint(Ours, 7), "hello"u8));
        device.Inject(FrameBuilder.Udp(PeerMac, OurMac, new Ipv4Endpoint(Peer, 3333), new Ipv4Endpoint(Ours, 8), "nobody"u8));
        iface.Poll(TimeSpan.Zero);
        byte[] buffer = new byte[64];
        Assert.True(socket.TryReceiveFrom(buffer, out int length, out Udp.UdpDatagramInfo info));
        Assert.Equal("hello", System.Text.Encoding.ASCII.GetString(buffer, 0, length));
        Assert.Equal(new Ipv4Endpoint(Peer, 3333), info.Remote);
        Assert.False(socket.TryReceiveFrom(buffer, out _, out _));
        Assert.Equal(1, iface.Drops[DropReason.UdpNoSocket]);
    }

    [Fact]
    public void RefusesSecondBindOfAPortAndAllocatesDistinctEphemeralPorts()
    {
        (Interface iface, _) = Create();
        var first = iface.CreateUdpSocket();
        var second = iface.CreateUdpSocket();
        Assert.Equal(Udp.UdpBindStatus.Ok, first.Bind(53));
        Assert.Equal(Udp.UdpBindStatus.PortInUse, second.Bind(53));
        var ports = new HashSet<ushort>();
        for (int i = 0; i < 100; i++)
        {
            var socket = iface.CreateUdpSocket(1024, 1024, 1);
            Assert.Equal(Udp.UdpBindStatus.Ok, socket.Bind(0));
            Assert.InRange(socket.LocalEndpoint.Port, 49152, 65535);
            Assert.True(ports.Add(socket.LocalEndpoint.Port));
        }
        first.Close();
        Assert.Equal(Udp.UdpBindStatus.Ok, second.Bind(53));
    }

    [Fact]
    public void IpStackIgnoresOtherVlansAndTaggedInterfaceTagsWhatItSends()
    {
        (Interface iface, CapturingDevice device) = Create(vlan: 10);
        device.Inject(FrameBuilder.Arp(ArpOperation.Request, PeerMac, Peer, MacAddress.Zero, Ours, MacAddress.Broadcast, vlan: 0));
        device.Inject(FrameBuilder.Arp(ArpOperation.Request, PeerMac, Peer, MacAddress.Zero, Ours, MacAddress.Broadcast, vlan: 20));
        iface.Poll(TimeSpan.Zero);
        Assert.Empty(device.Sent);
        Assert.Equal(2, iface.Drops[DropReason.VlanMismatch]);
        device.Inject(FrameBuilder.Arp(ArpOperation.Request, PeerMac, Peer, MacAddress.Zero, Ours, MacAddress.Broadcast, vlan: 10));
        iface.Poll(TimeSpan.Zero);
        byte[] reply = Assert.Single(device.Sent);
        Assert.Equal(EthernetStatus.Ok, EthernetFrame.TryParse(reply, out EthernetFrame ethernet));
        Assert.Equal(10, ethernet.VlanId);
        Assert.Equal(EtherType.Arp, ethernet.EtherType);
    }

    [Fact]
    public void RawEndpointGetsItsEtherTypeOnItsVlanAndSendsTaggedFrames()
    {
        (Interface iface, CapturingDevice device) = Create();
        const ushort Experimental = 0x88B5;
        var raw = iface.CreateRawEndpoint(Experimental, vlanId: 5);
        byte[] frame = new byte[60];
        EthernetFrame.Write(frame, OurMac, PeerMac, Experimental, 5);
        "raw!"u8.CopyTo(frame.AsSpan(18));
        device.Inject(frame);
        byte[] untagged = new byte[60];
        EthernetFrame.Write(untagged, OurMac, PeerMac, Experimental);
        device.Inject(untagged);
        iface.Poll(TimeSpan.Zero);
        byte[] buffer = new byte[100];
        Assert.True(raw.TryReceive(buffer, out int length, out MacAddress source));
        Assert.Equal(42, length); // payload after the tag, Ethernet padding included
        Assert.Equal("raw!", System.Text.Encoding.ASCII.GetString(buffer, 0, 4));
        Assert.Equal(PeerMac, source);
        Assert.False(raw.TryReceive(buffer, out _, out _));
        Assert.Equal(1, iface.Drops[DropReason.UnknownEtherType]); // the untagged one had no taker

        Assert.Equal(Raw.RawSendStatus.Ok, raw.TrySend(PeerMac, "back"u8));
        iface.Poll(TimeSpan.Zero);
        byte[] sent = Assert.Single(device.Sent);
        Assert.Equal(60, sent.Length);
        Assert.Equal("525400aabbcc" + "525400123456" + "8100" + "0005" + "88b5" + Hex.Of("back"u8), Hex.Of(sent.AsSpan(0, 22)));
    }

    [Fact]
    public void SendingWithoutRouteIsCountedNotThrown()
    {
        var device = new CapturingDevice(OurMac);
        var iface = new Interface(device);
        var udp = iface.CreateUdpSocket();
        Assert.Equal(Udp.UdpSendStatus.Ok, udp.TrySendTo("x"u8, new Ipv4Endpoint(Peer, 9)));
        iface.Poll(TimeSpan.Zero);
        Assert.Empty(device.Sent);
        Assert.Equal(1, iface.Drops[DropReason.Ipv4NoRoute]);
        Assert.Equal(0, udp.SendQueueCount);
    }

    [Fact]
    public void OffLinkTrafficGoesThroughTheGateway()
    {
        (Interface iface, CapturingDevice device) = Create();
        device.Inject(FrameBuilder.Arp(ArpOperation.Reply, PeerMac, Peer, OurMac, Ours, OurMac));
        iface.Poll(TimeSpan.Zero);
        var udp = iface.CreateUdpSocket();
        udp.TrySendTo("far"u8, new Ipv4Endpoint(Ipv4Address.Parse("8.8.8.8"), 53));
        iface.Poll(TimeSpan.Zero);
        byte[] frame = Assert.Single(device.Sent);
        Assert.Equal(PeerMac, MacAddress.Read(frame));
        Assert.Equal(Ipv4Address.Parse("8.8.8.8"), Ipv4Address.Read(frame.AsSpan(14 + 16)));
    }

    [Fact]
    public void UdpRoundTripBetweenTwoInterfaces()
    {
        var hosts = new TwoHosts();
        var server = hosts.B.CreateUdpSocket();
        server.Bind(7);
        var client = hosts.A.CreateUdpSocket();
        client.TrySendTo("echo me"u8, new Ipv4Endpoint(TwoHosts.AddressB, 7));
        byte[] buffer = new byte[100];
        bool echoed = false;
        Assert.True(hosts.RunUntil(() => client.ReceiveQueueCount > 0, TimeSpan.FromSeconds(5), () =>
        {
            if (!echoed && server.TryReceiveFrom(buffer, out int length, out Udp.UdpDatagramInfo info))
            {
                echoed = true;
                server.TrySendTo(buffer.AsSpan(0, length), info.Remote);
                return true;
            }
            return false;
        }));
        Assert.True(client.TryReceiveFrom(buffer, out int n, out Udp.UdpDatagramInfo from));
        Assert.Equal("echo me", System.Text.Encoding.ASCII.GetString(buffer, 0, n));
        Assert.Equal(new Ipv4Endpoint(TwoHosts.AddressB, 7), from.Remote);
    }
}
