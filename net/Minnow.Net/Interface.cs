using System.Buffers.Binary;
using Minnow.Net.Arp;
using Minnow.Net.Raw;
using Minnow.Net.Tcp;
using Minnow.Net.Udp;
using Minnow.Net.Wire;

namespace Minnow.Net;

/// <summary>
/// One IPv4 Ethernet interface over an <see cref="IFrameDevice"/>, in the style of smoltcp: the
/// caller drives it with <see cref="Poll"/>, passing the time, and it receives frames, answers ARP
/// and echo requests, delivers to sockets, sends what sockets queued and runs its timers. It never
/// reads a clock, touches hardware or throws on malformed input.
/// </summary>
/// <remarks>Not thread-safe: one owner polls it and uses its sockets.</remarks>
public sealed class Interface
{
    private const ushort FirstEphemeralPort = 49152;
    private const int EphemeralPortCount = 65536 - FirstEphemeralPort;

    private readonly IFrameDevice _device;
    private readonly InterfaceOptions _options;
    private readonly ArpCache _arp;
    private readonly List<UdpSocket> _udpSockets = [];
    private readonly List<TcpSocket> _tcpSockets = [];
    private readonly List<RawEndpoint> _rawEndpoints = [];
    // Frames whose next hop is still being resolved are built here, then copied into the ARP entry.
    private readonly byte[] _resolutionScratch;
    private TimeSpan _now;
    private ushort _ipIdentification;
    private int _udpPortCursor;
    private int _tcpPortCursor;
    // The outgoing frame between TryBeginIpv4 and CommitIpv4.
    private ArpEntry? _transmitAwaitingResolution;
    private int _transmitLength;
    private readonly TransmitOffloads _transmitOffloads;

    public Interface(IFrameDevice device, InterfaceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        _device = device;
        _options = options ?? new InterfaceOptions();
        _arp = new ArpCache(_options.ArpCacheCapacity);
        _resolutionScratch = new byte[device.MaxFrameLength];
        int headroom = device.MaxFrameLength - EthernetFrame.HeaderLengthFor(_options.VlanId);
        Mtu = Math.Min(_options.Mtu, headroom);
        _transmitOffloads = device.TransmitOffloads;
        // Segmentation needs the device to checksum the segments. On a VLAN the stack does it all:
        // a host that receives a tagged segment to cut up may not parse past the tag (Linux's tap
        // checks the EtherType against the segment type), and frames are sent whole instead.
        if ((_transmitOffloads & TransmitOffloads.TcpChecksum) == 0 || _options.VlanId != 0)
        {
            _transmitOffloads = TransmitOffloads.None;
        }
        _udpPortCursor = (int)(Mix(_options.Secret ^ 0x75647000UL) % EphemeralPortCount);
        _tcpPortCursor = (int)(Mix(_options.Secret ^ 0x74637000UL) % EphemeralPortCount);
        _ipIdentification = (ushort)Mix(_options.Secret);
    }

    public MacAddress MacAddress => _device.MacAddress;

    /// <summary>The address and prefix; null until configured (statically or by DHCP).</summary>
    public Ipv4Cidr? Address { get; private set; }

    /// <summary>The default gateway; Any when there is none.</summary>
    public Ipv4Address Gateway { get; private set; }

    public ushort VlanId => _options.VlanId;

    /// <summary>The largest IPv4 packet this interface sends.</summary>
    public int Mtu { get; }

    public int MaxFrameLength => _device.MaxFrameLength;

    public InterfaceOptions Options => _options;

    public DropCounters Drops { get; } = new();

    public InterfaceStatistics Statistics { get; } = new();

    public ArpCache ArpCache => _arp;

    /// <summary>The time passed to the latest <see cref="Poll"/>.</summary>
    public TimeSpan Now => _now;

    public void Configure(Ipv4Cidr address, Ipv4Address gateway = default)
    {
        Address = address;
        Gateway = gateway;
    }

    public void Deconfigure()
    {
        Address = null;
        Gateway = Ipv4Address.Any;
    }

    public UdpSocket CreateUdpSocket(int receiveBytes = 64 * 1024, int sendBytes = 64 * 1024, int datagrams = 64)
    {
        var socket = new UdpSocket(this, receiveBytes, sendBytes, datagrams);
        _udpSockets.Add(socket);
        return socket;
    }

    /// <summary>A TCP socket; the buffer sizes bound the receive window and the data in flight.</summary>
    public TcpSocket CreateTcpSocket(TcpSocketOptions? options = null)
    {
        var socket = new TcpSocket(this, options ?? new TcpSocketOptions());
        _tcpSockets.Add(socket);
        return socket;
    }

    /// <summary>Frames of <paramref name="etherType"/> on <paramref name="vlanId"/> (0 = untagged) go to this endpoint instead of the stack.</summary>
    public RawEndpoint CreateRawEndpoint(ushort etherType, ushort vlanId = 0, int receiveBytes = 64 * 1024, int sendBytes = 64 * 1024, int frames = 64)
    {
        var endpoint = new RawEndpoint(this, etherType, vlanId, receiveBytes, sendBytes, frames);
        _rawEndpoints.Add(endpoint);
        return endpoint;
    }

    /// <summary>
    /// Receives and processes waiting frames, transmits what sockets queued, and runs timers.
    /// </summary>
    /// <param name="now">Monotonic time since an arbitrary origin; never decreases between calls.</param>
    /// <returns>Whether any frame was received or sent, so callers can poll again until idle.</returns>
    public bool Poll(TimeSpan now)
    {
        if (now > _now)
        {
            _now = now;
        }
        long sentBefore = Statistics.FramesSent;
        bool received = false;
        for (int i = 0; i < _options.MaxFramesPerPoll; i++)
        {
            if (!_device.TryReceive(out ReadOnlySpan<byte> frame, out FrameChecksum checksum))
            {
                break;
            }
            received = true;
            ProcessFrame(frame, checksum);
        }
        DispatchRawEndpoints();
        DispatchUdpSockets();
        DispatchTcpSockets();
        RunArpTimers();
        return received || Statistics.FramesSent != sentBefore;
    }

    /// <summary>When the earliest timer falls due; null when none is armed. Poll then, or when a frame arrives.</summary>
    public TimeSpan? NextPollAt()
    {
        TimeSpan? earliest = _arp.EarliestDeadline();
        foreach (TcpSocket socket in _tcpSockets)
        {
            TimeSpan? deadline = socket.NextDeadline;
            if (deadline is not null && (earliest is null || deadline < earliest))
            {
                earliest = deadline;
            }
        }
        return earliest;
    }

    private void ProcessFrame(ReadOnlySpan<byte> frame, FrameChecksum checksum)
    {
        Statistics.FramesReceived++;
        Statistics.BytesReceived += frame.Length;
        if (checksum == FrameChecksum.Valid)
        {
            Statistics.FramesWithDeviceChecksum++;
        }
        EthernetStatus status = EthernetFrame.TryParse(frame, out EthernetFrame ethernet);
        if (status != EthernetStatus.Ok)
        {
            Drops.Increment(status switch
            {
                EthernetStatus.Truncated => DropReason.EthernetTruncated,
                EthernetStatus.NotEthernetII => DropReason.EthernetNotEthernetII,
                _ => DropReason.EthernetStackedVlan,
            });
            return;
        }
        bool forUs = ethernet.Destination == _device.MacAddress || ethernet.Destination.IsBroadcast;
        if (!forUs && !ethernet.Destination.IsMulticast)
        {
            Drops.Increment(DropReason.EthernetNotForUs);
            return;
        }
        ReadOnlySpan<byte> payload = frame[ethernet.PayloadOffset..];
        foreach (RawEndpoint endpoint in _rawEndpoints)
        {
            if (endpoint.EtherType == ethernet.EtherType && endpoint.VlanId == ethernet.VlanId)
            {
                if (!endpoint.TryDeliver(payload, ethernet.Source))
                {
                    Drops.Increment(DropReason.RawEndpointFull);
                }
                return;
            }
        }
        if (!forUs)
        {
            Drops.Increment(DropReason.EthernetNotForUs);
            return;
        }
        if (ethernet.VlanId != _options.VlanId)
        {
            Drops.Increment(DropReason.VlanMismatch);
            return;
        }
        switch (ethernet.EtherType)
        {
            case EtherType.Arp:
                ProcessArp(payload);
                break;
            case EtherType.Ipv4:
                ProcessIpv4(payload, checksum);
                break;
            default:
                Drops.Increment(DropReason.UnknownEtherType);
                break;
        }
    }

    private void ProcessArp(ReadOnlySpan<byte> payload)
    {
        ArpStatus status = ArpPacket.TryParse(payload, out ArpPacket arp);
        if (status != ArpStatus.Ok)
        {
            Drops.Increment(status switch
            {
                ArpStatus.Truncated => DropReason.ArpTruncated,
                ArpStatus.UnsupportedAddressTypes => DropReason.ArpUnsupportedAddressTypes,
                _ => DropReason.ArpUnsupportedOperation,
            });
            return;
        }
        if (Address is not Ipv4Cidr cidr || arp.SenderMac.IsMulticast)
        {
            Drops.Increment(DropReason.ArpNotForUs);
            return;
        }
        // RFC 826's merge: refresh a sender we already know even when the packet is not for us.
        bool validSender = !arp.SenderIp.IsAny && cidr.Contains(arp.SenderIp) && arp.SenderIp != cidr.Address;
        ArpEntry? entry = validSender ? _arp.Update(arp.SenderIp, arp.SenderMac, _now, _options.ArpEntryLifetime, create: false) : null;
        if (arp.TargetIp != cidr.Address)
        {
            if (entry is null)
            {
                Drops.Increment(DropReason.ArpNotForUs);
            }
            else
            {
                FlushPending(entry);
            }
            return;
        }
        if (validSender)
        {
            entry ??= _arp.Update(arp.SenderIp, arp.SenderMac, _now, _options.ArpEntryLifetime, create: true);
            FlushPending(entry!);
        }
        if (arp.Operation == ArpOperation.Request)
        {
            // Probes (RFC 5227) come from 0.0.0.0; the reply still goes to the asker's MAC.
            SendArp(ArpOperation.Reply, arp.SenderMac, arp.SenderMac, arp.SenderIp);
        }
    }

    private void ProcessIpv4(ReadOnlySpan<byte> payload, FrameChecksum checksum)
    {
        Ipv4Status status = Ipv4Header.TryParse(payload, out Ipv4Header ip);
        if (status != Ipv4Status.Ok)
        {
            Drops.Increment(status switch
            {
                Ipv4Status.Truncated => DropReason.Ipv4Truncated,
                Ipv4Status.BadVersion => DropReason.Ipv4BadVersion,
                Ipv4Status.BadHeaderLength => DropReason.Ipv4BadHeaderLength,
                Ipv4Status.BadTotalLength => DropReason.Ipv4BadTotalLength,
                Ipv4Status.BadChecksum => DropReason.Ipv4BadChecksum,
                _ => DropReason.Ipv4Fragment,
            });
            return;
        }
        if (ip.Source.IsBroadcast || ip.Source.IsMulticast)
        {
            Drops.Increment(DropReason.Ipv4BadSource);
            return;
        }
        ReadOnlySpan<byte> body = payload[ip.HeaderLength..ip.TotalLength];
        bool unicastToUs = Address is Ipv4Cidr cidr && ip.Destination == cidr.Address;
        bool broadcast = ip.Destination.IsBroadcast || (Address is Ipv4Cidr c && ip.Destination == c.SubnetBroadcast);
        // Without an address only UDP gets through, so a DHCP client can hear offers sent to the
        // address it is being offered.
        bool unconfiguredUdp = Address is null && ip.Protocol == IpProtocol.Udp;
        if (!unicastToUs && !broadcast && !unconfiguredUdp)
        {
            Drops.Increment(DropReason.Ipv4NotForUs);
            return;
        }
        switch (ip.Protocol)
        {
            case IpProtocol.Icmp when unicastToUs:
                ProcessIcmp(ip, body);
                break;
            case IpProtocol.Udp:
                ProcessUdp(ip, body, checksum);
                break;
            case IpProtocol.Tcp when unicastToUs:
                ProcessTcp(ip, body, checksum);
                break;
            case IpProtocol.Icmp or IpProtocol.Tcp:
                Drops.Increment(DropReason.Ipv4NotForUs);
                break;
            default:
                Drops.Increment(DropReason.Ipv4UnknownProtocol);
                break;
        }
    }

    private void ProcessIcmp(in Ipv4Header ip, ReadOnlySpan<byte> message)
    {
        IcmpStatus status = IcmpMessage.TryParse(message, out IcmpMessage icmp);
        if (status != IcmpStatus.Ok)
        {
            Drops.Increment(status == IcmpStatus.Truncated ? DropReason.IcmpTruncated : DropReason.IcmpBadChecksum);
            return;
        }
        if (icmp.Type != IcmpMessage.EchoRequest || icmp.Code != 0)
        {
            Drops.Increment(DropReason.IcmpIgnored);
            return;
        }
        if (TryBeginIpv4(ip.Source, IpProtocol.Icmp, message.Length, out Span<byte> reply, out _) == IpTransmitStatus.Ok)
        {
            message[IcmpMessage.HeaderLength..].CopyTo(reply[IcmpMessage.HeaderLength..]);
            IcmpMessage.Write(reply, IcmpMessage.EchoReply, 0, icmp.Identifier, icmp.Sequence);
            CommitIpv4();
        }
    }

    private void ProcessUdp(in Ipv4Header ip, ReadOnlySpan<byte> datagram, FrameChecksum checksum)
    {
        UdpStatus status = UdpHeader.TryParse(datagram, ip.Source, ip.Destination, checksum, out UdpHeader udp);
        if (status != UdpStatus.Ok)
        {
            Drops.Increment(status switch
            {
                UdpStatus.Truncated => DropReason.UdpTruncated,
                UdpStatus.BadLength => DropReason.UdpBadLength,
                _ => DropReason.UdpBadChecksum,
            });
            return;
        }
        foreach (UdpSocket socket in _udpSockets)
        {
            if (socket.Accepts(udp.DestinationPort, ip.Destination))
            {
                ReadOnlySpan<byte> payload = datagram[UdpHeader.Length..udp.DatagramLength];
                if (!socket.TryDeliver(payload, new Ipv4Endpoint(ip.Source, udp.SourcePort), ip.Destination))
                {
                    Drops.Increment(DropReason.UdpSocketFull);
                }
                return;
            }
        }
        Drops.Increment(DropReason.UdpNoSocket);
    }

    private void ProcessTcp(in Ipv4Header ip, ReadOnlySpan<byte> segment, FrameChecksum checksum)
    {
        TcpStatus status = TcpHeader.TryParse(segment, ip.Source, ip.Destination, checksum, out TcpHeader tcp);
        if (status != TcpStatus.Ok)
        {
            Drops.Increment(status switch
            {
                TcpStatus.Truncated => DropReason.TcpTruncated,
                TcpStatus.BadDataOffset => DropReason.TcpBadDataOffset,
                TcpStatus.BadChecksum => DropReason.TcpBadChecksum,
                _ => DropReason.TcpBadOption,
            });
            return;
        }
        ReadOnlySpan<byte> payload = segment[tcp.HeaderLength..];
        var remote = new Ipv4Endpoint(ip.Source, tcp.SourcePort);
        var local = new Ipv4Endpoint(ip.Destination, tcp.DestinationPort);
        // An exact connection first, then a listener on the port.
        TcpSocket? listener = null;
        foreach (TcpSocket socket in _tcpSockets)
        {
            if (socket.MatchesConnection(local, remote))
            {
                socket.Process(tcp, payload, remote, local, _now);
                return;
            }
            if (listener is null && socket.State == TcpState.Listen && socket.LocalEndpoint.Port == local.Port
                && (socket.LocalEndpoint.Address.IsAny || socket.LocalEndpoint.Address == local.Address))
            {
                listener = socket;
            }
        }
        if (listener is not null)
        {
            listener.Process(tcp, payload, remote, local, _now);
            return;
        }
        Drops.Increment(DropReason.TcpNoSocket);
        SendResetFor(tcp, payload.Length, remote, local);
    }

    /// <summary>RFC 9293 3.10.7.1: a segment to no connection gets a RST, unless it is one.</summary>
    internal void SendResetFor(in TcpHeader tcp, int payloadLength, Ipv4Endpoint remote, Ipv4Endpoint local)
    {
        if (tcp.Has(TcpFlags.Rst))
        {
            return;
        }
        TcpSeqNumber seq;
        TcpSeqNumber ack;
        TcpFlags flags;
        if (tcp.Has(TcpFlags.Ack))
        {
            seq = tcp.Acknowledgment;
            ack = default;
            flags = TcpFlags.Rst;
        }
        else
        {
            int length = payloadLength + (tcp.Has(TcpFlags.Syn) ? 1 : 0) + (tcp.Has(TcpFlags.Fin) ? 1 : 0);
            seq = default;
            ack = tcp.Sequence + length;
            flags = TcpFlags.Rst | TcpFlags.Ack;
        }
        TcpOptions none = TcpOptions.None;
        if (TryBeginIpv4(remote.Address, IpProtocol.Tcp, TcpHeader.MinimumLength, out Span<byte> segment, out Ipv4Address source) == IpTransmitStatus.Ok)
        {
            TcpHeader.Write(segment, local.Port, remote.Port, seq, ack, flags, 0, none, source, remote.Address);
            CommitIpv4();
        }
    }

    /// <summary>
    /// Starts an outgoing IPv4 packet: routes it, resolves the next hop, writes the Ethernet and
    /// IPv4 headers and lends the payload area. The caller fills it and calls <see cref="CommitIpv4"/>.
    /// </summary>
    internal IpTransmitStatus TryBeginIpv4(Ipv4Address destination, IpProtocol protocol, int payloadLength, out Span<byte> payload, out Ipv4Address source)
    {
        payload = default;
        source = Address?.Address ?? Ipv4Address.Any;
        MacAddress destinationMac;
        ArpEntry? awaiting = null;
        if (destination.IsBroadcast || (Address is Ipv4Cidr c && destination == c.SubnetBroadcast))
        {
            destinationMac = MacAddress.Broadcast;
        }
        else if (Address is Ipv4Cidr cidr)
        {
            Ipv4Address nextHop = cidr.Contains(destination) ? destination : Gateway;
            if (nextHop.IsAny)
            {
                Drops.Increment(DropReason.Ipv4NoRoute);
                return IpTransmitStatus.NoRoute;
            }
            if (!_arp.TryLookup(nextHop, _now, out destinationMac))
            {
                awaiting = _arp.GetOrCreateIncomplete(nextHop, _now);
                if (awaiting.PendingCount >= _options.ArpPendingPacketsPerAddress)
                {
                    Drops.Increment(DropReason.ArpUnresolved);
                    return IpTransmitStatus.ResolutionQueueFull;
                }
            }
        }
        else
        {
            Drops.Increment(DropReason.Ipv4NoRoute);
            return IpTransmitStatus.NoRoute;
        }
        int headerLength = EthernetFrame.HeaderLengthFor(_options.VlanId);
        int packetLength = Ipv4Header.MinimumLength + payloadLength;
        int frameLength = Math.Max(headerLength + packetLength, EthernetFrame.MinimumFrameLength);
        Span<byte> frame;
        if (awaiting is not null && frameLength > _resolutionScratch.Length)
        {
            // Only ordinary frames wait for ARP (TcpDataPerSegment); anything longer is a caller's bug.
            Drops.Increment(DropReason.ArpUnresolved);
            return IpTransmitStatus.ResolutionQueueFull;
        }
        if (awaiting is null)
        {
            if (!_device.TryReserveTransmit(frameLength, out frame))
            {
                Drops.Increment(DropReason.DeviceBusy);
                return IpTransmitStatus.DeviceBusy;
            }
        }
        else
        {
            frame = _resolutionScratch;
        }
        EthernetFrame.Write(frame, destinationMac, _device.MacAddress, EtherType.Ipv4, _options.VlanId);
        Ipv4Header.Write(frame[headerLength..], source, destination, protocol, payloadLength, _ipIdentification++, _options.Ttl);
        frame[(headerLength + packetLength)..frameLength].Clear();
        _transmitAwaitingResolution = awaiting;
        _transmitLength = frameLength;
        payload = frame.Slice(headerLength + Ipv4Header.MinimumLength, payloadLength);
        return IpTransmitStatus.Ok;
    }

    /// <summary>Sends the packet <see cref="TryBeginIpv4"/> started, or parks it until its next hop resolves.</summary>
    internal void CommitIpv4() => CommitIpv4(default);

    /// <summary>Sends the packet <see cref="TryBeginIpv4"/> started, asking the device to finish it
    /// (an offload from <see cref="TcpOffloadForPendingFrame"/>), or parks it until its next hop resolves.</summary>
    internal void CommitIpv4(in TransmitOffload offload)
    {
        if (_transmitAwaitingResolution is ArpEntry entry)
        {
            // TcpOffloadForPendingFrame gave no offload for this frame: it is complete as it is.
            entry.Pending.Enqueue(_resolutionScratch.AsSpan(0, _transmitLength).ToArray());
            _transmitAwaitingResolution = null;
            return;
        }
        if (offload.IsNone)
        {
            _device.CommitTransmit(_transmitLength);
        }
        else
        {
            _device.CommitTransmit(_transmitLength, offload);
            Statistics.OffloadedFramesSent++;
            if (offload.SegmentSize > 0)
            {
                Statistics.SegmentedFramesSent++;
            }
        }
        Statistics.FramesSent++;
        Statistics.BytesSent += _transmitLength;
    }

    /// <summary>
    /// How many data bytes one TCP segment to <paramref name="destination"/> may carry: the MSS, or
    /// a multiple of it up to 64 KiB when the device segments and the next hop's MAC is known (a
    /// frame that waits for ARP is parked whole, so it must be an ordinary one).
    /// </summary>
    internal int TcpDataPerSegment(Ipv4Address destination, int mss)
    {
        if ((_transmitOffloads & TransmitOffloads.TcpSegmentation) == 0 || mss <= 0 || Address is not Ipv4Cidr cidr)
        {
            return mss;
        }
        Ipv4Address nextHop = cidr.Contains(destination) ? destination : Gateway;
        if (nextHop.IsAny || !_arp.TryLookup(nextHop, _now, out _))
        {
            return mss;
        }
        int room = _device.MaxSegmentationFrameLength - EthernetFrame.HeaderLengthFor(_options.VlanId) - Ipv4Header.MinimumLength - TcpHeader.MaximumLength;
        int limit = Math.Min(room, ushort.MaxValue - Ipv4Header.MinimumLength - TcpHeader.MaximumLength);
        return Math.Max(mss, limit / mss * mss);
    }

    /// <summary>
    /// The offload for the TCP segment <see cref="TryBeginIpv4"/> just started: none without
    /// checksum offload or when the frame waits for ARP (it is then sent later, as it is); else the
    /// checksum, and segmentation into <paramref name="mss"/>-byte pieces when the data is longer.
    /// </summary>
    internal TransmitOffload TcpOffloadForPendingFrame(int tcpHeaderLength, int dataLength, int mss)
    {
        int start = EthernetFrame.HeaderLengthFor(_options.VlanId) + Ipv4Header.MinimumLength;
        // A frame padded to Ethernet's minimum is checksummed here: a device sums to the end of
        // the frame, padding included. Such frames are headers only, so this costs nothing.
        bool padded = _transmitLength > start + tcpHeaderLength + dataLength;
        if ((_transmitOffloads & TransmitOffloads.TcpChecksum) == 0 || _transmitAwaitingResolution is not null || padded)
        {
            return default;
        }
        bool segment = dataLength > mss && (_transmitOffloads & TransmitOffloads.TcpSegmentation) != 0;
        return new TransmitOffload(start, 16, start + tcpHeaderLength, segment ? mss : 0);
    }

    private void SendArp(ArpOperation operation, MacAddress frameDestination, MacAddress targetMac, Ipv4Address targetIp)
    {
        if (Address is not Ipv4Cidr cidr)
        {
            return;
        }
        int headerLength = EthernetFrame.HeaderLengthFor(_options.VlanId);
        int frameLength = Math.Max(headerLength + ArpPacket.Length, EthernetFrame.MinimumFrameLength);
        if (!_device.TryReserveTransmit(frameLength, out Span<byte> frame))
        {
            Drops.Increment(DropReason.DeviceBusy);
            return;
        }
        EthernetFrame.Write(frame, frameDestination, _device.MacAddress, EtherType.Arp, _options.VlanId);
        new ArpPacket(operation, _device.MacAddress, cidr.Address, targetMac, targetIp).Write(frame[headerLength..]);
        frame[(headerLength + ArpPacket.Length)..frameLength].Clear();
        _device.CommitTransmit(frameLength);
        Statistics.FramesSent++;
        Statistics.BytesSent += frameLength;
    }

    private void FlushPending(ArpEntry entry)
    {
        while (entry.Pending.TryDequeue(out byte[]? frame))
        {
            if (!_device.TryReserveTransmit(frame.Length, out Span<byte> buffer))
            {
                Drops.Increment(DropReason.DeviceBusy);
                continue;
            }
            frame.CopyTo(buffer);
            entry.MacAddress.Write(buffer);
            _device.CommitTransmit(frame.Length);
            Statistics.FramesSent++;
            Statistics.BytesSent += frame.Length;
        }
    }

    private void RunArpTimers()
    {
        foreach (ArpEntry entry in _arp.Entries)
        {
            if (!entry.InUse || entry.Deadline > _now)
            {
                continue;
            }
            if (entry.State == ArpEntryState.Reachable)
            {
                _arp.Remove(entry);
            }
            else if (entry.RequestsSent >= _options.ArpMaxRequests)
            {
                for (int i = 0; i < entry.PendingCount; i++)
                {
                    Drops.Increment(DropReason.ArpUnresolved);
                }
                _arp.Remove(entry);
            }
            else
            {
                SendArp(ArpOperation.Request, MacAddress.Broadcast, MacAddress.Zero, entry.Address);
                entry.RequestsSent++;
                entry.Deadline = _now + _options.ArpRequestInterval;
            }
        }
    }

    private void DispatchRawEndpoints()
    {
        foreach (RawEndpoint endpoint in _rawEndpoints)
        {
            while (endpoint.SendQueue.TryPeek(out ReadOnlySpan<byte> payload, out MacAddress destination))
            {
                int headerLength = EthernetFrame.HeaderLengthFor(endpoint.VlanId);
                int frameLength = Math.Max(headerLength + payload.Length, EthernetFrame.MinimumFrameLength);
                if (!_device.TryReserveTransmit(frameLength, out Span<byte> frame))
                {
                    return;
                }
                EthernetFrame.Write(frame, destination, _device.MacAddress, endpoint.EtherType, endpoint.VlanId);
                payload.CopyTo(frame[headerLength..]);
                frame[(headerLength + payload.Length)..frameLength].Clear();
                _device.CommitTransmit(frameLength);
                Statistics.FramesSent++;
                Statistics.BytesSent += frameLength;
                endpoint.SendQueue.Dequeue();
            }
        }
    }

    private void DispatchUdpSockets()
    {
        foreach (UdpSocket socket in _udpSockets)
        {
            while (socket.SendQueue.TryPeek(out ReadOnlySpan<byte> payload, out UdpDatagramInfo info))
            {
                IpTransmitStatus status = TryBeginIpv4(info.Remote.Address, IpProtocol.Udp, UdpHeader.Length + payload.Length, out Span<byte> datagram, out Ipv4Address source);
                if (status == IpTransmitStatus.DeviceBusy)
                {
                    return;
                }
                if (status == IpTransmitStatus.Ok)
                {
                    payload.CopyTo(datagram[UdpHeader.Length..]);
                    UdpHeader.Write(datagram, socket.LocalEndpoint.Port, info.Remote.Port, source, info.Remote.Address);
                    CommitIpv4();
                }
                socket.SendQueue.Dequeue();
            }
        }
    }

    private void DispatchTcpSockets()
    {
        for (int i = 0; i < _tcpSockets.Count; i++)
        {
            _tcpSockets[i].Dispatch(_now);
        }
    }

    internal bool IsUdpPortInUse(ushort port, Ipv4Address address)
    {
        foreach (UdpSocket socket in _udpSockets)
        {
            if (socket.LocalEndpoint.Port == port
                && (socket.LocalEndpoint.Address.IsAny || address.IsAny || socket.LocalEndpoint.Address == address))
            {
                return true;
            }
        }
        return false;
    }

    internal bool TryAllocateUdpPort(out ushort port)
    {
        for (int i = 0; i < EphemeralPortCount; i++)
        {
            _udpPortCursor = (_udpPortCursor + 1) % EphemeralPortCount;
            port = (ushort)(FirstEphemeralPort + _udpPortCursor);
            if (!IsUdpPortInUse(port, Ipv4Address.Any))
            {
                return true;
            }
        }
        port = 0;
        return false;
    }

    internal bool IsTcpPortInUse(ushort port)
    {
        foreach (TcpSocket socket in _tcpSockets)
        {
            if (socket.State != TcpState.Closed && socket.LocalEndpoint.Port == port)
            {
                return true;
            }
        }
        return false;
    }

    internal bool TryAllocateTcpPort(out ushort port)
    {
        for (int i = 0; i < EphemeralPortCount; i++)
        {
            _tcpPortCursor = (_tcpPortCursor + 1) % EphemeralPortCount;
            port = (ushort)(FirstEphemeralPort + _tcpPortCursor);
            if (!IsTcpPortInUse(port))
            {
                return true;
            }
        }
        port = 0;
        return false;
    }

    /// <summary>
    /// An initial sequence number per RFC 6528: a 4-microsecond clock plus SipHash of the
    /// connection keyed with the interface's secret, so sequence spaces of successive connections
    /// do not overlap and cannot be guessed off-path.
    /// </summary>
    internal TcpSeqNumber InitialSequenceNumber(Ipv4Endpoint local, Ipv4Endpoint remote, TimeSpan now)
    {
        // The connection identifier as SipHash words: both addresses, then both ports.
        ulong addresses = ((ulong)local.Address.Value << 32) | remote.Address.Value;
        uint ports = ((uint)local.Port << 16) | remote.Port;
        uint hash = (uint)SipHash.Hash(_options.Secret, Mix(_options.Secret), addresses, ports);
        uint clock = (uint)(now.Ticks / (TimeSpan.TicksPerMicrosecond * 4));
        return new TcpSeqNumber(unchecked(hash + clock));
    }

    internal void Remove(UdpSocket socket) => _udpSockets.Remove(socket);

    internal void Remove(RawEndpoint endpoint) => _rawEndpoints.Remove(endpoint);

    internal void Remove(TcpSocket socket) => _tcpSockets.Remove(socket);

    /// <summary>SplitMix64's finaliser: a cheap, well-mixed hash for port and sequence choices.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
