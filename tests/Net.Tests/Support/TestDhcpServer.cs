using System.Buffers.Binary;
using Minnow.Net.Udp;

namespace Minnow.Net.Tests.Support;

/// <summary>
/// A minimal DHCP server for tests, written from RFC 2131's byte layout with its own offsets
/// (not with Minnow's DhcpMessage), so the client is checked against an independent reading.
/// </summary>
public sealed class TestDhcpServer
{
    private readonly UdpSocket _socket;
    private readonly Ipv4Address _serverAddress;
    private readonly byte[] _buffer = new byte[1500];

    public TestDhcpServer(Interface iface, Ipv4Address serverAddress)
    {
        _serverAddress = serverAddress;
        _socket = iface.CreateUdpSocket();
        Assert.Equal(UdpBindStatus.Ok, _socket.Bind(67));
    }

    public Ipv4Address Offer { get; set; } = new(10, 0, 0, 50);

    public uint LeaseSeconds { get; set; } = 3600;

    public bool Silent { get; set; }

    public bool RefuseRequests { get; set; }

    public List<Received> Log { get; } = [];

    public sealed record Received(byte MessageType, uint TransactionId, ushort Flags, Ipv4Address ClientAddress, Ipv4Address RequestedAddress, Ipv4Address ServerId, Ipv4Endpoint From, Ipv4Address SentTo, byte[] Raw, TimeSpan At);

    /// <summary>Sends arbitrary bytes from the server's port 67, for malformed or foreign replies.</summary>
    public void SendRaw(ReadOnlySpan<byte> payload, Ipv4Endpoint destination) =>
        Assert.Equal(UdpSendStatus.Ok, _socket.TrySendTo(payload, destination));

    public bool Step(TimeSpan now)
    {
        bool any = false;
        while (_socket.TryReceiveFrom(_buffer, out int length, out UdpDatagramInfo info))
        {
            any = true;
            ReadOnlySpan<byte> p = _buffer.AsSpan(0, length);
            Assert.Equal(1, p[0]); // BOOTREQUEST
            Assert.Equal(0x63825363u, BinaryPrimitives.ReadUInt32BigEndian(p[236..]));
            byte type = 0;
            Ipv4Address requested = default, serverId = default;
            for (int i = 240; i < p.Length && p[i] != 255;)
            {
                if (p[i] == 0)
                {
                    i++;
                    continue;
                }
                byte code = p[i], len = p[i + 1];
                ReadOnlySpan<byte> value = p.Slice(i + 2, len);
                if (code == 53) type = value[0];
                if (code == 50) requested = Ipv4Address.Read(value);
                if (code == 54) serverId = Ipv4Address.Read(value);
                i += 2 + len;
            }
            uint xid = BinaryPrimitives.ReadUInt32BigEndian(p[4..]);
            ushort flags = BinaryPrimitives.ReadUInt16BigEndian(p[10..]);
            Ipv4Address ciaddr = Ipv4Address.Read(p[12..]);
            Log.Add(new Received(type, xid, flags, ciaddr, requested, serverId, info.Remote, info.LocalAddress, p.ToArray(), now));
            if (Silent)
            {
                continue;
            }
            byte replyType = type switch
            {
                1 => 2, // DISCOVER -> OFFER
                3 => RefuseRequests ? (byte)6 : (byte)5, // REQUEST -> ACK or NAK
                _ => 0,
            };
            if (replyType != 0)
            {
                Reply(p, replyType, ciaddr);
            }
        }
        return any;
    }

    private void Reply(ReadOnlySpan<byte> request, byte type, Ipv4Address ciaddr)
    {
        byte[] r = new byte[300];
        r[0] = 2;
        r[1] = 1;
        r[2] = 6;
        request.Slice(4, 4).CopyTo(r.AsSpan(4)); // xid
        request.Slice(10, 2).CopyTo(r.AsSpan(10)); // flags
        request.Slice(12, 4).CopyTo(r.AsSpan(12)); // ciaddr
        if (type != 6)
        {
            Offer.Write(r.AsSpan(16));
        }
        _serverAddress.Write(r.AsSpan(20));
        request.Slice(28, 16).CopyTo(r.AsSpan(28)); // chaddr
        BinaryPrimitives.WriteUInt32BigEndian(r.AsSpan(236), 0x63825363);
        int i = 240;
        r[i++] = 53; r[i++] = 1; r[i++] = type;
        r[i++] = 54; r[i++] = 4; _serverAddress.Write(r.AsSpan(i)); i += 4;
        if (type != 6)
        {
            r[i++] = 51; r[i++] = 4; BinaryPrimitives.WriteUInt32BigEndian(r.AsSpan(i), LeaseSeconds); i += 4;
            r[i++] = 1; r[i++] = 4; new Ipv4Address(255, 255, 255, 0).Write(r.AsSpan(i)); i += 4;
            r[i++] = 3; r[i++] = 4; _serverAddress.Write(r.AsSpan(i)); i += 4;
            r[i++] = 6; r[i++] = 8; _serverAddress.Write(r.AsSpan(i)); new Ipv4Address(1, 1, 1, 1).Write(r.AsSpan(i + 4)); i += 8;
        }
        r[i] = 255;
        Ipv4Address destination = ciaddr.IsAny ? Ipv4Address.Broadcast : ciaddr;
        Assert.Equal(UdpSendStatus.Ok, _socket.TrySendTo(r, new Ipv4Endpoint(destination, 68)));
    }
}
