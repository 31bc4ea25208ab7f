using Minnow.Net.Udp;

namespace Minnow.Net.Dhcp;

/// <summary>
/// A DHCPv4 client (RFC 2131 section 4.4) as pure logic over a UDP socket: discover, select the
/// first offer, request, then renew at T1 (unicast), rebind at T2 (broadcast) and give the address
/// up at expiry. It configures and unconfigures the interface itself and reports what changed.
/// </summary>
/// <remarks>Poll it with the same clock as the interface; it reads no clock and draws randomness only from the seed it was given.</remarks>
public sealed class DhcpClient
{
    public const ushort ClientPort = 68;
    public const ushort ServerPort = 67;

    private static readonly TimeSpan FirstRetransmit = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan MaxRetransmit = TimeSpan.FromSeconds(64);
    private static readonly TimeSpan MinRenewRetransmit = TimeSpan.FromSeconds(60);
    private const int MaxRequestAttempts = 4;

    private readonly Interface _interface;
    private readonly UdpSocket _socket;
    private readonly Random _random;
    private readonly byte[] _buffer = new byte[1500];
    private uint _transactionId;
    private TimeSpan _startedAt;
    private TimeSpan _nextSendAt;
    private int _attempt;
    private Ipv4Address _offeredAddress;
    private Ipv4Address _offeringServer;

    /// <param name="seed">Seeds transaction ids and retransmission jitter; images pass platform entropy.</param>
    public DhcpClient(Interface iface, ulong seed)
    {
        _interface = iface;
        _random = new Random((int)(seed ^ (seed >> 32)));
        _socket = iface.CreateUdpSocket(16 * 1024, 4 * 1024, 8);
        BindStatus = _socket.Bind(ClientPort);
    }

    public DhcpState State { get; private set; } = DhcpState.Init;

    public DhcpLease? Lease { get; private set; }

    /// <summary>Whether port 68 could be bound; the client does nothing otherwise.</summary>
    public UdpBindStatus BindStatus { get; }

    /// <summary>Replies that did not parse.</summary>
    public long MalformedMessages { get; private set; }

    /// <summary>Well-formed messages not meant for this exchange (other transaction, other client, unexpected type).</summary>
    public long IgnoredMessages { get; private set; }

    /// <summary>When the next retransmission or lease timer falls due.</summary>
    public TimeSpan? NextPollAt => State switch
    {
        DhcpState.Init => TimeSpan.Zero,
        DhcpState.Bound => Lease!.RenewAt,
        DhcpState.Renewing => Min(_nextSendAt, Lease!.RebindAt),
        DhcpState.Rebinding => Min(_nextSendAt, Lease!.ExpiresAt),
        _ => _nextSendAt,
    };

    /// <summary>Handles replies and timers; call it whenever the interface is polled.</summary>
    public DhcpEvent Poll(TimeSpan now)
    {
        if (BindStatus != UdpBindStatus.Ok)
        {
            return DhcpEvent.None;
        }
        DhcpEvent result = DhcpEvent.None;
        while (_socket.TryReceiveFrom(_buffer, out int length, out UdpDatagramInfo info))
        {
            if (info.Remote.Port != ServerPort || length > _buffer.Length)
            {
                IgnoredMessages++;
                continue;
            }
            DhcpEvent handled = HandleReply(_buffer.AsSpan(0, length), now);
            if (handled != DhcpEvent.None)
            {
                result = handled;
            }
        }
        DhcpEvent timed = RunTimers(now);
        return timed != DhcpEvent.None ? timed : result;
    }

    private DhcpEvent HandleReply(ReadOnlySpan<byte> payload, TimeSpan now)
    {
        if (DhcpMessage.TryParse(payload, out DhcpMessage reply) != DhcpStatus.Ok)
        {
            MalformedMessages++;
            return DhcpEvent.None;
        }
        if (reply.Op != DhcpMessage.OpReply || reply.TransactionId != _transactionId || reply.ClientHardwareAddress != _interface.MacAddress)
        {
            IgnoredMessages++;
            return DhcpEvent.None;
        }
        switch (State, reply.MessageType)
        {
            case (DhcpState.Selecting, DhcpMessageType.Offer) when IsUsableAddress(reply.YourAddress) && !reply.ServerIdentifier.IsAny:
                _offeredAddress = reply.YourAddress;
                _offeringServer = reply.ServerIdentifier;
                State = DhcpState.Requesting;
                _attempt = 0;
                SendRequest(now);
                return DhcpEvent.None;
            case (DhcpState.Requesting or DhcpState.Renewing or DhcpState.Rebinding, DhcpMessageType.Ack) when IsUsableAddress(reply.YourAddress):
                bool renewed = State != DhcpState.Requesting;
                Bind(reply, now);
                return renewed ? DhcpEvent.Renewed : DhcpEvent.Configured;
            case (DhcpState.Requesting, DhcpMessageType.Nak):
                Restart();
                return DhcpEvent.None;
            case (DhcpState.Renewing or DhcpState.Rebinding, DhcpMessageType.Nak):
                Restart();
                return DhcpEvent.Deconfigured;
            default:
                IgnoredMessages++;
                return DhcpEvent.None;
        }
    }

    private DhcpEvent RunTimers(TimeSpan now)
    {
        switch (State)
        {
            case DhcpState.Init:
                _transactionId = (uint)_random.NextInt64(1, uint.MaxValue);
                _startedAt = now;
                _attempt = 0;
                State = DhcpState.Selecting;
                SendDiscover(now);
                break;
            case DhcpState.Selecting when now >= _nextSendAt:
                _attempt++;
                SendDiscover(now);
                break;
            case DhcpState.Requesting when now >= _nextSendAt:
                if (++_attempt >= MaxRequestAttempts)
                {
                    Restart();
                    return RunTimers(now);
                }
                SendRequest(now);
                break;
            case DhcpState.Bound when now >= Lease!.RenewAt:
                State = DhcpState.Renewing;
                _transactionId = (uint)_random.NextInt64(1, uint.MaxValue);
                SendRequest(now);
                break;
            case DhcpState.Renewing:
                if (now >= Lease!.RebindAt)
                {
                    State = DhcpState.Rebinding;
                    SendRequest(now);
                }
                else if (now >= _nextSendAt)
                {
                    SendRequest(now);
                }
                break;
            case DhcpState.Rebinding:
                if (now >= Lease!.ExpiresAt)
                {
                    Restart();
                    return DhcpEvent.Deconfigured;
                }
                if (now >= _nextSendAt)
                {
                    SendRequest(now);
                }
                break;
        }
        return DhcpEvent.None;
    }

    private void Bind(in DhcpMessage ack, TimeSpan now)
    {
        TimeSpan duration = ack.LeaseSeconds is 0 or uint.MaxValue ? TimeSpan.MaxValue / 4 : TimeSpan.FromSeconds(ack.LeaseSeconds);
        // RFC 2131 4.4.5 defaults: T1 = 0.5 and T2 = 0.875 of the lease.
        TimeSpan renew = ack.RenewalSeconds != 0 ? TimeSpan.FromSeconds(ack.RenewalSeconds) : duration / 2;
        TimeSpan rebind = ack.RebindingSeconds != 0 ? TimeSpan.FromSeconds(ack.RebindingSeconds) : duration * 7 / 8;
        if (rebind > duration)
        {
            rebind = duration * 7 / 8;
        }
        if (renew > rebind)
        {
            renew = rebind / 2;
        }
        var dns = new Ipv4Address[ack.DnsServerCount];
        for (int i = 0; i < dns.Length; i++)
        {
            dns[i] = ack.GetDnsServer(i);
        }
        int prefix = ack.SubnetMask.IsAny ? 24 : PrefixLength(ack.SubnetMask.Value);
        Lease = new DhcpLease
        {
            Address = new Ipv4Cidr(ack.YourAddress, prefix),
            Router = ack.Router,
            Server = ack.ServerIdentifier.IsAny ? _offeringServer : ack.ServerIdentifier,
            DnsServers = dns,
            AcquiredAt = now,
            Duration = duration,
            RenewAfter = renew,
            RebindAfter = rebind,
        };
        _interface.Configure(Lease.Address, Lease.Router);
        State = DhcpState.Bound;
    }

    private void Restart()
    {
        if (Lease is not null)
        {
            _interface.Deconfigure();
            Lease = null;
        }
        State = DhcpState.Init;
    }

    private void SendDiscover(TimeSpan now)
    {
        var message = NewMessage(DhcpMessageType.Discover, now);
        Send(message, Ipv4Address.Broadcast);
        _nextSendAt = now + Backoff(_attempt);
    }

    private void SendRequest(TimeSpan now)
    {
        var message = NewMessage(DhcpMessageType.Request, now);
        Ipv4Address destination = Ipv4Address.Broadcast;
        switch (State)
        {
            case DhcpState.Requesting:
                // SELECTING's REQUEST names the offer and the server (RFC 2131 4.3.2); ciaddr stays 0.
                message.RequestedAddress = _offeredAddress;
                message.ServerIdentifier = _offeringServer;
                _nextSendAt = now + Backoff(_attempt);
                break;
            case DhcpState.Renewing:
                message.ClientAddress = Lease!.Address.Address;
                destination = Lease.Server;
                _nextSendAt = now + Max(MinRenewRetransmit, (Lease.RebindAt - now) / 2);
                break;
            case DhcpState.Rebinding:
                message.ClientAddress = Lease!.Address.Address;
                _nextSendAt = now + Max(MinRenewRetransmit, (Lease.ExpiresAt - now) / 2);
                break;
        }
        Send(message, destination);
    }

    private DhcpMessage NewMessage(DhcpMessageType type, TimeSpan now) => new()
    {
        Op = DhcpMessage.OpRequest,
        TransactionId = _transactionId,
        Seconds = (ushort)Math.Min((now - _startedAt).TotalSeconds, ushort.MaxValue),
        // Without an address we cannot take unicast replies reliably: ask for broadcast ones.
        Flags = _interface.Address is null ? DhcpMessage.BroadcastFlag : (ushort)0,
        ClientHardwareAddress = _interface.MacAddress,
        MessageType = type,
    };

    private void Send(in DhcpMessage message, Ipv4Address destination)
    {
        int length = message.Write(_buffer);
        _socket.TrySendTo(_buffer.AsSpan(0, length), new Ipv4Endpoint(destination, ServerPort));
    }

    /// <summary>RFC 2131 4.1: 4 s doubling to 64 s, each randomised by up to a second either way.</summary>
    private TimeSpan Backoff(int attempt)
    {
        TimeSpan delay = FirstRetransmit * (1 << Math.Min(attempt, 4));
        if (delay > MaxRetransmit)
        {
            delay = MaxRetransmit;
        }
        return delay + TimeSpan.FromMilliseconds(_random.Next(-1000, 1001));
    }

    private static bool IsUsableAddress(Ipv4Address address) =>
        !address.IsAny && !address.IsBroadcast && !address.IsMulticast && !address.IsLoopback;

    private static int PrefixLength(uint mask) => System.Numerics.BitOperations.LeadingZeroCount(~mask);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
