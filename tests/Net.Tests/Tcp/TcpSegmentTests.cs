using Minnow.Net.Tcp;
using Minnow.Net.Tests.Support;
using Minnow.Net.Wire;

namespace Minnow.Net.Tests.Tcp;

/// <summary>Segment-level behaviour checked on the frames a single interface sends.</summary>
public class TcpSegmentTests
{
    private static readonly MacAddress OurMac = new(0x52, 0x54, 0x00, 0x12, 0x34, 0x56);
    private static readonly MacAddress PeerMac = new(0x52, 0x54, 0x00, 0xaa, 0xbb, 0xcc);
    private static readonly Ipv4Endpoint Us = new(Ipv4Address.Parse("10.0.2.15"), 80);
    private static readonly Ipv4Endpoint Peer = new(Ipv4Address.Parse("10.0.2.2"), 40000);

    private static (Interface Iface, CapturingDevice Device, TcpSocket Socket) Listening()
    {
        var device = new CapturingDevice(OurMac);
        var iface = new Interface(device, new InterfaceOptions { Secret = 5 });
        iface.Configure(new Ipv4Cidr(Us.Address, 24));
        device.Inject(FrameBuilder.Arp(ArpOperation.Reply, PeerMac, Peer.Address, OurMac, Us.Address, OurMac));
        TcpSocket socket = iface.CreateTcpSocket(new TcpSocketOptions { ReceiveBufferSize = 256 * 1024 });
        socket.Listen(80);
        iface.Poll(TimeSpan.Zero);
        return (iface, device, socket);
    }

    /// <summary>The peer's SYN, our SYN-ACK and the peer's ACK; our initial sequence number.</summary>
    private static uint Handshake(Interface iface, CapturingDevice device)
    {
        device.Inject(FrameBuilder.Tcp(PeerMac, OurMac, Peer, Us, 1000, 0, TcpFlags.Syn, 65535, default));
        iface.Poll(TimeSpan.FromMilliseconds(1));
        uint iss = Parse(device.Sent[^1], out _).Sequence.Value;
        device.Inject(FrameBuilder.Tcp(PeerMac, OurMac, Peer, Us, 1001, iss + 1, TcpFlags.Ack, 65535, default));
        iface.Poll(TimeSpan.FromMilliseconds(2));
        return iss;
    }

    private static TcpHeader Parse(byte[] frame, out int payloadLength)
    {
        Assert.Equal(Ipv4Status.Ok, Ipv4Header.TryParse(frame.AsSpan(14), out Ipv4Header ip));
        Assert.Equal(TcpStatus.Ok, TcpHeader.TryParse(frame.AsSpan(34, ip.PayloadLength), ip.Source, ip.Destination, out TcpHeader tcp));
        payloadLength = ip.PayloadLength - tcp.HeaderLength;
        return tcp;
    }

    [Fact]
    public void SynAckAcknowledgesTheSynAndEchoesWindowScalingOnlyWhenOffered()
    {
        (Interface iface, CapturingDevice device, TcpSocket socket) = Listening();
        var options = new TcpOptions { MaxSegmentSize = 1200, HasWindowScale = true, WindowScale = 7 };
        device.Inject(FrameBuilder.Tcp(PeerMac, OurMac, Peer, Us, 1000, 0, TcpFlags.Syn, 65535, default, options));
        iface.Poll(TimeSpan.FromMilliseconds(1));
        TcpHeader synAck = Parse(device.Sent[^1], out int length);
        Assert.Equal(TcpFlags.Syn | TcpFlags.Ack, synAck.Flags);
        Assert.Equal(1001u, synAck.Acknowledgment.Value);
        Assert.Equal(0, length);
        Assert.Equal(1460, synAck.Options.MaxSegmentSize);
        Assert.True(synAck.Options.HasWindowScale);
        Assert.Equal(3, synAck.Options.WindowScale); // 262144 >> 2 = 65536 is one too many for 16 bits
        Assert.Equal(TcpState.SynReceived, socket.State);
        Assert.Equal(1200, socket.MaxSegmentSize);

        // Without the peer's offer there is no scaling (RFC 7323 1.3).
        (iface, device, socket) = Listening();
        device.Inject(FrameBuilder.Tcp(PeerMac, OurMac, Peer, Us, 1000, 0, TcpFlags.Syn, 65535, default, new TcpOptions { MaxSegmentSize = 1460 }));
        iface.Poll(TimeSpan.FromMilliseconds(1));
        Assert.False(Parse(device.Sent[^1], out _).Options.HasWindowScale);
    }

    [Fact]
    public void DelaysTheAckOfOneSegmentAndAcksEverySecondAtOnce()
    {
        (Interface iface, CapturingDevice device, TcpSocket socket) = Listening();
        uint iss = Handshake(iface, device);
        int sent = device.Sent.Count;
        device.Inject(FrameBuilder.Tcp(PeerMac, OurMac, Peer, Us, 1001, iss + 1, TcpFlags.Ack, 65535, new byte[100]));
        iface.Poll(TimeSpan.FromMilliseconds(3));
        Assert.Equal(sent, device.Sent.Count); // held back
        Assert.Equal(TimeSpan.FromMilliseconds(43), iface.NextPollAt());
        iface.Poll(TimeSpan.FromMilliseconds(43));
        Assert.Equal(1101u, Parse(device.Sent[^1], out _).Acknowledgment.Value);
        sent = device.Sent.Count;
        device.Inject(FrameBuilder.Tcp(PeerMac, OurMac, Peer, Us, 1101, iss + 1, TcpFlags.Ack, 65535, new byte[100]));
        iface.Poll(TimeSpan.FromMilliseconds(50));
        device.Inject(FrameBuilder.Tcp(PeerMac, OurMac, Peer, Us, 1201, iss + 1, TcpFlags.Ack, 65535, new byte[100]));
        iface.Poll(TimeSpan.FromMilliseconds(51));
        Assert.Equal(sent + 1, device.Sent.Count); // the second segment is acknowledged at once
        Assert.Equal(1301u, Parse(device.Sent[^1], out _).Acknowledgment.Value);
        Assert.Equal(300, socket.BytesAvailable);
    }

    [Fact]
    public void ACoalescedSegmentWithAPartialChecksumIsTakenWholeWhenTheDeviceVouchesForIt()
    {
        (Interface iface, CapturingDevice device, TcpSocket socket) = Listening();
        uint iss = Handshake(iface, device);

        // What virtio-net hands over with GUEST_TSO4 from a sender on the host: one 30000-byte
        // segment (20 MSS) whose checksum field holds only the pseudo-header sum (NEEDS_CSUM).
        byte[] data = new byte[30000];
        new Random(3).NextBytes(data);
        byte[] Coalesced(uint seq)
        {
            byte[] frame = FrameBuilder.Tcp(PeerMac, OurMac, Peer, Us, seq, iss + 1, TcpFlags.Ack | TcpFlags.Psh, 65535, data);
            ulong pseudo = InternetChecksum.PseudoHeader(Peer.Address, Us.Address, IpProtocol.Tcp, 20 + data.Length);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(34 + 16), (ushort)~InternetChecksum.Finish(pseudo));
            return frame;
        }
        Assert.True(Coalesced(1001).Length > device.MaxFrameLength);

        device.Inject(Coalesced(31001));
        iface.Poll(TimeSpan.FromMilliseconds(3));
        Assert.Equal(1, iface.Drops[DropReason.TcpBadChecksum]); // not vouched for: verified, and wrong

        int sent = device.Sent.Count;
        device.Inject(Coalesced(1001), FrameChecksum.Valid);
        iface.Poll(TimeSpan.FromMilliseconds(4));
        Assert.Equal(1, iface.Statistics.FramesWithDeviceChecksum);
        Assert.Equal(30000, socket.BytesAvailable);
        byte[] read = new byte[30000];
        Assert.Equal(TcpReceiveStatus.Ok, socket.TryReceive(read, out int length));
        Assert.Equal(30000, length);
        Assert.Equal(data, read);
        // Twenty full-sized segments' worth: acknowledged at once, not after the delayed-ACK timer.
        Assert.True(device.Sent.Count > sent);
        Assert.Equal(31001u, Parse(device.Sent[sent], out _).Acknowledgment.Value);
    }

    [Fact]
    public void MissingMssOptionMeans536()
    {
        (Interface iface, CapturingDevice device, TcpSocket socket) = Listening();
        device.Inject(FrameBuilder.Tcp(PeerMac, OurMac, Peer, Us, 1000, 0, TcpFlags.Syn, 65535, default));
        iface.Poll(TimeSpan.FromMilliseconds(1));
        Assert.Equal(536, socket.MaxSegmentSize);
    }

    [Fact]
    public void RstWithWrongSequenceGetsAChallengeAckAndLeavesTheConnection()
    {
        (Interface iface, CapturingDevice device, TcpSocket socket) = Listening();
        device.Inject(FrameBuilder.Tcp(PeerMac, OurMac, Peer, Us, 1000, 0, TcpFlags.Syn, 65535, default));
        iface.Poll(TimeSpan.FromMilliseconds(1));
        uint iss = Parse(device.Sent[^1], out _).Sequence.Value;
        device.Inject(FrameBuilder.Tcp(PeerMac, OurMac, Peer, Us, 1001, iss + 1, TcpFlags.Ack, 65535, default));
        iface.Poll(TimeSpan.FromMilliseconds(2));
        Assert.Equal(TcpState.Established, socket.State);
        int sent = device.Sent.Count;
        // In the window but not at RCV.NXT: RFC 5961 3.2 says challenge, do not reset.
        device.Inject(FrameBuilder.Tcp(PeerMac, OurMac, Peer, Us, 1500, 0, TcpFlags.Rst, 0, default));
        iface.Poll(TimeSpan.FromMilliseconds(3));
        Assert.Equal(TcpState.Established, socket.State);
        TcpHeader challenge = Parse(device.Sent[sent], out _);
        Assert.Equal(TcpFlags.Ack, challenge.Flags);
        Assert.Equal(1001u, challenge.Acknowledgment.Value);
        // Exactly at RCV.NXT: the connection is reset.
        device.Inject(FrameBuilder.Tcp(PeerMac, OurMac, Peer, Us, 1001, 0, TcpFlags.Rst, 0, default));
        iface.Poll(TimeSpan.FromMilliseconds(4));
        Assert.Equal(TcpState.Closed, socket.State);
        Assert.Equal(TcpError.ConnectionReset, socket.Error);
    }

    [Fact]
    public void OutOfWindowDataIsDroppedAndAcknowledged()
    {
        (Interface iface, CapturingDevice device, TcpSocket socket) = Listening();
        device.Inject(FrameBuilder.Tcp(PeerMac, OurMac, Peer, Us, 1000, 0, TcpFlags.Syn, 65535, default));
        iface.Poll(TimeSpan.FromMilliseconds(1));
        uint iss = Parse(device.Sent[^1], out _).Sequence.Value;
        device.Inject(FrameBuilder.Tcp(PeerMac, OurMac, Peer, Us, 1001, iss + 1, TcpFlags.Ack, 65535, default));
        device.Inject(FrameBuilder.Tcp(PeerMac, OurMac, Peer, Us, 1001 + 10_000_000, iss + 1, TcpFlags.Ack, 65535, "far away"u8));
        iface.Poll(TimeSpan.FromMilliseconds(2));
        Assert.Equal(1, iface.Drops[DropReason.TcpUnacceptable]);
        Assert.Equal(0, socket.BytesAvailable);
        Assert.Equal(1001u, Parse(device.Sent[^1], out _).Acknowledgment.Value);
    }

    [Fact]
    public void SegmentToNoSocketGetsAResetPerRfc9293()
    {
        (Interface iface, CapturingDevice device, _) = Listening();
        var closedPort = new Ipv4Endpoint(Us.Address, 81);
        device.Inject(FrameBuilder.Tcp(PeerMac, OurMac, Peer, closedPort, 5000, 0, TcpFlags.Syn, 65535, default));
        device.Inject(FrameBuilder.Tcp(PeerMac, OurMac, Peer, closedPort, 6000, 777, TcpFlags.Ack, 65535, "data"u8));
        iface.Poll(TimeSpan.FromMilliseconds(1));
        TcpHeader first = Parse(device.Sent[^2], out _);
        Assert.Equal(TcpFlags.Rst | TcpFlags.Ack, first.Flags); // no ACK in: seq 0, ack = seq + length
        Assert.Equal(0u, first.Sequence.Value);
        Assert.Equal(5001u, first.Acknowledgment.Value);
        TcpHeader second = Parse(device.Sent[^1], out _);
        Assert.Equal(TcpFlags.Rst, second.Flags); // ACK in: seq = their ack
        Assert.Equal(777u, second.Sequence.Value);
    }
}
