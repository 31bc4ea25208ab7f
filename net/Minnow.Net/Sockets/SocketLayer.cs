using Minnow.Net.Tcp;
using Minnow.Net.Udp;

namespace Minnow.Net.Sockets;

/// <summary>
/// Berkeley sockets over one <see cref="Interface"/>: what the class library's socket platform
/// calls (SystemNative_Socket, Connect, Send, ...) need, with plain values in and PAL error codes
/// out. Descriptors are small integers from the layer's own table, never reused. Blocking sockets
/// block on <see cref="SyncRoot"/> until the state changes or their timeout passes; non-blocking
/// ones return EAGAIN/EINPROGRESS; event ports report readiness edge-triggered, as epoll with
/// EPOLLET does.
/// </summary>
/// <remarks>
/// Thread-safe: every call takes <see cref="SyncRoot"/>, as must anyone else touching the
/// interface. The owner's network thread calls <see cref="Pump"/> when frames arrive or when
/// <see cref="NextPumpAt"/> falls due; operations that queue data or change state poll the
/// interface inline, so frames leave at once.
/// </remarks>
public sealed class SocketLayer
{
    // System.Net.Sockets values, as the class library passes them.
    private const int SocketTypeStream = 1, SocketTypeDgram = 2, SocketTypeSeqpacket = 5;
    private const int ProtocolTcp = 6, ProtocolUdp = 17;
    private const int LevelSocket = 0xFFFF, LevelIp = 0, LevelTcp = 6;
    private const int OptionReuseAddress = 4, OptionKeepAlive = 8, OptionBroadcast = 0x20, OptionExclusiveAddressUse = ~4,
        OptionSendBuffer = 0x1001, OptionReceiveBuffer = 0x1002, OptionError = 0x1007, OptionType = 0x1008,
        OptionAcceptConnection = 2, OptionIpTimeToLive = 4, OptionNoDelay = 1;

    /// <summary>SocketFlags.Peek.</summary>
    public const int FlagPeek = 0x2;
    /// <summary>SocketFlags.Truncated, reported by <see cref="ReceiveFrom"/> for a datagram longer than the buffer.</summary>
    public const int FlagTruncated = 0x100;
    /// <summary>Not a class-library flag: fail with EAGAIN instead of blocking, for one call (MSG_DONTWAIT).</summary>
    public const int FlagDontWait = 0x4000_0000;
    private const int FlagOutOfBand = 0x1;
    private const int FlagsAccepted = FlagPeek | 0x4 | 0x100 | 0x200 | 0x1000 | 0x2000 | FlagDontWait;

    private static readonly TimeSpan MaxWaitSlice = TimeSpan.FromMilliseconds(int.MaxValue - 1);

    private readonly Interface _interface;
    private readonly Func<TimeSpan> _clock;
    private readonly SocketLayerOptions _options;
    private readonly object _sync = new();
    private readonly Dictionary<int, Entry> _entries = [];
    private readonly Dictionary<int, EventPort> _ports = [];
    // Closed sockets whose connections are still closing (FIN handshake, TIME_WAIT).
    private readonly List<TcpSocket> _orphans = [];
    private int _nextDescriptor;

    public SocketLayer(Interface iface, Func<TimeSpan> clock, SocketLayerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(iface);
        ArgumentNullException.ThrowIfNull(clock);
        _interface = iface;
        _clock = clock;
        _options = options ?? new SocketLayerOptions();
        _nextDescriptor = Math.Max(_options.FirstDescriptor, 3);
    }

    public Interface Interface => _interface;

    /// <summary>Guards the interface and every socket. The network thread and every socket call take it.</summary>
    public object SyncRoot => _sync;

    public SocketLayerOptions Options => _options;

    /// <summary>
    /// Bytes that TCP connections, open or closed by the program, have not yet had acknowledged,
    /// counting an unacknowledged FIN as one: what would be lost if the machine stopped now.
    /// </summary>
    public long UndeliveredBytes
    {
        get
        {
            lock (_sync)
            {
                long total = 0;
                foreach (Entry e in _entries.Values)
                {
                    if (e.Tcp is TcpSocket tcp)
                        total += Undelivered(tcp);
                }
                foreach (TcpSocket orphan in _orphans)
                    total += Undelivered(orphan);
                return total;
            }
        }
    }

    private static long Undelivered(TcpSocket tcp) =>
        tcp.State is TcpState.Closed or TcpState.Listen or TcpState.SynSent or TcpState.SynReceived
            ? 0
            : tcp.BytesUnacknowledged + (tcp.State is TcpState.FinWait1 or TcpState.Closing or TcpState.LastAck ? 1 : 0);

    /// <summary>When <see cref="Pump"/> must run next at the latest (retransmission, delayed ACK, ARP, TIME_WAIT), or null.</summary>
    public TimeSpan? NextPumpAt
    {
        get
        {
            lock (_sync)
            {
                return _interface.NextPollAt();
            }
        }
    }

    /// <summary>
    /// Polls the interface until idle, updates readiness and wakes blocked callers and event ports.
    /// The owner calls it when frames may have arrived or a timer is due.
    /// </summary>
    public void Pump()
    {
        lock (_sync)
        {
            PollInterface(10_000);
            Refresh();
        }
    }

    /// <summary>Whether <paramref name="fd"/> is an open socket of this layer.</summary>
    public bool IsSocket(long fd)
    {
        if (fd < int.MinValue || fd > int.MaxValue)
        {
            return false;
        }
        lock (_sync)
        {
            return _entries.ContainsKey((int)fd);
        }
    }

    public PalError Socket(int family, int type, int protocol, out int fd)
    {
        fd = -1;
        if (family != SocketAddressLayout.ManagedInterNetwork)
        {
            return PalError.EAFNOSUPPORT;
        }
        if (type < SocketTypeStream || type > SocketTypeSeqpacket)
        {
            return PalError.EPROTOTYPE;
        }
        if (type != SocketTypeStream && type != SocketTypeDgram)
        {
            return PalError.ESOCKTNOSUPPORT;
        }
        if (protocol == 0)
        {
            protocol = type == SocketTypeStream ? ProtocolTcp : ProtocolUdp;
        }
        if (protocol != (type == SocketTypeStream ? ProtocolTcp : ProtocolUdp))
        {
            return PalError.EPROTONOSUPPORT;
        }
        lock (_sync)
        {
            if (!TryAllocateDescriptor(out fd))
            {
                return PalError.EMFILE;
            }
            _entries[fd] = new Entry(fd, type == SocketTypeStream, _options);
            return PalError.SUCCESS;
        }
    }

    public PalError GetSocketType(int fd, out int family, out int type, out int protocol, out bool listening)
    {
        family = type = protocol = 0;
        listening = false;
        lock (_sync)
        {
            if (!_entries.TryGetValue(fd, out Entry? e))
            {
                return PalError.EBADF;
            }
            family = SocketAddressLayout.ManagedInterNetwork;
            type = e.IsTcp ? SocketTypeStream : SocketTypeDgram;
            protocol = e.IsTcp ? ProtocolTcp : ProtocolUdp;
            listening = e.Backlog is not null;
            return PalError.SUCCESS;
        }
    }

    public PalError Bind(int fd, Ipv4Endpoint local)
    {
        lock (_sync)
        {
            if (!_entries.TryGetValue(fd, out Entry? e))
            {
                return PalError.EBADF;
            }
            if (e.Bound || e.Tcp is not null || e.Backlog is not null)
            {
                return PalError.EINVAL;
            }
            if (!local.Address.IsAny && (_interface.Address is not Ipv4Cidr cidr || cidr.Address != local.Address))
            {
                return PalError.EADDRNOTAVAIL;
            }
            if (e.IsTcp)
            {
                // As System.Native's Bind does for TCP: SO_REUSEADDR, so a port in TIME_WAIT rebinds.
                e.ReuseAddress = true;
                ushort port = local.Port;
                if (port == 0)
                {
                    if (!TryAllocateTcpPort(out port))
                    {
                        return PalError.EADDRINUSE;
                    }
                }
                else if (TcpPortConflicts(e, port, local.Address, listening: false))
                {
                    return PalError.EADDRINUSE;
                }
                e.Local = new Ipv4Endpoint(local.Address, port);
                e.Bound = true;
                return PalError.SUCCESS;
            }
            UdpSocket udp = EnsureUdp(e);
            PalError error = udp.Bind(local.Port, local.Address) switch
            {
                UdpBindStatus.Ok => PalError.SUCCESS,
                UdpBindStatus.AlreadyBound => PalError.EINVAL,
                UdpBindStatus.Closed => PalError.EBADF,
                _ => PalError.EADDRINUSE,
            };
            if (error == PalError.SUCCESS)
            {
                e.Local = udp.LocalEndpoint;
                e.Bound = true;
            }
            return error;
        }
    }

    public PalError Listen(int fd, int backlog)
    {
        lock (_sync)
        {
            if (!_entries.TryGetValue(fd, out Entry? e))
            {
                return PalError.EBADF;
            }
            if (!e.IsTcp)
            {
                return PalError.ENOTSUP;
            }
            if (e.Tcp is not null)
            {
                return PalError.EINVAL;
            }
            int limit = Math.Clamp(backlog, 1, Math.Max(1, _options.MaxBacklog));
            if (e.Backlog is not null)
            {
                e.BacklogLimit = limit;
                Refresh();
                return PalError.SUCCESS;
            }
            if (!e.Bound)
            {
                if (!TryAllocateTcpPort(out ushort port))
                {
                    return PalError.EADDRINUSE;
                }
                e.Local = new Ipv4Endpoint(Ipv4Address.Any, port);
                e.Bound = true;
            }
            if (TcpPortConflicts(e, e.Local.Port, e.Local.Address, listening: true))
            {
                return PalError.EADDRINUSE;
            }
            e.Backlog = [];
            e.BacklogLimit = limit;
            e.ListenStopped = false;
            Replenish(e);
            Refresh();
            return PalError.SUCCESS;
        }
    }

    public PalError Accept(int fd, out int acceptedFd, out Ipv4Endpoint remote)
    {
        acceptedFd = -1;
        remote = default;
        lock (_sync)
        {
            if (!_entries.TryGetValue(fd, out Entry? e))
            {
                return PalError.EBADF;
            }
            if (!e.IsTcp)
            {
                return PalError.ENOTSUP;
            }
            TimeSpan? deadline = Deadline(e.ReceiveTimeout);
            while (true)
            {
                if (e.Closed)
                {
                    return PalError.EBADF;
                }
                if (e.Backlog is null)
                {
                    return PalError.EINVAL;
                }
                foreach (TcpSocket candidate in e.Backlog)
                {
                    if (!IsPastHandshake(candidate.State))
                    {
                        continue;
                    }
                    if (!TryAllocateDescriptor(out acceptedFd))
                    {
                        return PalError.EMFILE;
                    }
                    e.Backlog.Remove(candidate);
                    var accepted = new Entry(acceptedFd, isTcp: true, _options)
                    {
                        Tcp = candidate,
                        EverConnected = true,
                        Bound = true,
                        Local = candidate.LocalEndpoint,
                        NoDelay = e.NoDelay,
                        ReceiveBufferSize = e.ReceiveBufferSize,
                        SendBufferSize = e.SendBufferSize,
                        ReuseAddress = e.ReuseAddress,
                    };
                    _entries[acceptedFd] = accepted;
                    remote = candidate.RemoteEndpoint;
                    Replenish(e);
                    Refresh();
                    return PalError.SUCCESS;
                }
                if (e.NonBlocking)
                {
                    e.LastReadable = false;
                    return PalError.EAGAIN;
                }
                if (!Wait(deadline))
                {
                    return PalError.EAGAIN;
                }
            }
        }
    }

    public PalError Connect(int fd, Ipv4Endpoint remote)
    {
        lock (_sync)
        {
            if (!_entries.TryGetValue(fd, out Entry? e))
            {
                return PalError.EBADF;
            }
            if (!e.IsTcp)
            {
                return ConnectUdp(e, remote);
            }
            if (e.Backlog is not null)
            {
                return PalError.EINVAL;
            }
            TcpSocket? tcp = e.Tcp;
            if (tcp is not null && !e.ConnectPending)
            {
                if (tcp.State != TcpState.Closed)
                {
                    return PalError.EISCONN;
                }
                // A failed attempt: the socket may connect again.
                tcp.Release();
                e.Tcp = tcp = null;
            }
            if (tcp is null)
            {
                PalError route = CheckRoute(remote.Address);
                if (route != PalError.SUCCESS)
                {
                    return route;
                }
                tcp = NewTcpSocket(e);
                TcpOpenStatus status = tcp.Connect(remote, e.Bound ? e.Local.Port : (ushort)0);
                if (status != TcpOpenStatus.Ok)
                {
                    tcp.Release();
                    return status switch
                    {
                        TcpOpenStatus.NoAddress => PalError.ENETUNREACH,
                        TcpOpenStatus.NoFreePort or TcpOpenStatus.PortInUse => PalError.EADDRNOTAVAIL,
                        TcpOpenStatus.InvalidState => PalError.EISCONN,
                        _ => PalError.EINVAL,
                    };
                }
                e.Tcp = tcp;
                e.ConnectPending = true;
                e.ErrorNoted = false;
                e.PendingError = PalError.SUCCESS;
                e.ShutRead = e.ShutWrite = false;
                e.Local = tcp.LocalEndpoint;
                e.Bound = true;
                PollInterface();
                Refresh();
                if (e.NonBlocking)
                {
                    e.LastReadable = e.LastWritable = false;
                    return PalError.EINPROGRESS;
                }
            }
            else if (e.NonBlocking)
            {
                return PalError.EALREADY;
            }
            TimeSpan? deadline = Deadline(e.SendTimeout);
            while (true)
            {
                if (e.Closed)
                {
                    return PalError.EBADF;
                }
                if (e.Tcp != tcp)
                {
                    return PalError.ECONNABORTED;
                }
                Observe(e);
                if (IsPastHandshake(tcp.State))
                {
                    e.ConnectPending = false;
                    e.PendingError = PalError.SUCCESS;
                    return PalError.SUCCESS;
                }
                if (tcp.State == TcpState.Closed)
                {
                    PalError error = e.PendingError != PalError.SUCCESS ? e.PendingError : ConnectError(tcp.Error);
                    e.PendingError = PalError.SUCCESS;
                    return error;
                }
                if (!Wait(deadline))
                {
                    // Linux: a connect that outlives SO_SNDTIMEO says EINPROGRESS and goes on.
                    return PalError.EINPROGRESS;
                }
            }
        }
    }

    public PalError Send(int fd, ReadOnlySpan<byte> data, int flags, out int sent) => SendTo(fd, data, flags, null, out sent);

    /// <summary>send/sendto: TCP ignores <paramref name="destination"/>; UDP sends one datagram to it or to the connected peer.</summary>
    public PalError SendTo(int fd, ReadOnlySpan<byte> data, int flags, Ipv4Endpoint? destination, out int sent)
    {
        sent = 0;
        if ((flags & ~FlagsAccepted) != 0 || (flags & FlagOutOfBand) != 0)
        {
            return PalError.ENOTSUP;
        }
        bool dontWait = (flags & FlagDontWait) != 0;
        lock (_sync)
        {
            if (!_entries.TryGetValue(fd, out Entry? e))
            {
                return PalError.EBADF;
            }
            return e.IsTcp ? SendTcp(e, data, dontWait, out sent) : SendUdp(e, data, destination, dontWait, out sent);
        }
    }

    public PalError Receive(int fd, Span<byte> buffer, int flags, out int received) =>
        ReceiveFrom(fd, buffer, flags, out received, out _, out _);

    /// <summary>recv/recvfrom. <paramref name="from"/> is the sender of a datagram (null for TCP); <paramref name="messageFlags"/> has <see cref="FlagTruncated"/> when a datagram did not fit.</summary>
    public PalError ReceiveFrom(int fd, Span<byte> buffer, int flags, out int received, out Ipv4Endpoint? from, out int messageFlags)
    {
        received = 0;
        from = null;
        messageFlags = 0;
        if ((flags & ~FlagsAccepted) != 0 || (flags & FlagOutOfBand) != 0)
        {
            return PalError.ENOTSUP;
        }
        bool peek = (flags & FlagPeek) != 0;
        bool dontWait = (flags & FlagDontWait) != 0;
        lock (_sync)
        {
            if (!_entries.TryGetValue(fd, out Entry? e))
            {
                return PalError.EBADF;
            }
            return e.IsTcp
                ? ReceiveTcp(e, buffer, peek, dontWait, out received)
                : ReceiveUdp(e, buffer, peek, dontWait, out received, out from, out messageFlags);
        }
    }

    /// <summary>shutdown: 0 = receive, 1 = send, 2 = both. Wakes callers blocked on the socket.</summary>
    public PalError Shutdown(int fd, int how)
    {
        if (how is < 0 or > 2)
        {
            return PalError.EINVAL;
        }
        bool read = how != 1;
        bool write = how != 0;
        lock (_sync)
        {
            if (!_entries.TryGetValue(fd, out Entry? e))
            {
                return PalError.EBADF;
            }
            PalError result = PalError.SUCCESS;
            if (e.IsTcp)
            {
                if (e.Backlog is not null)
                {
                    if (read)
                    {
                        StopListening(e);
                    }
                }
                else if (e.Tcp is not TcpSocket tcp || tcp.State == TcpState.Closed)
                {
                    result = PalError.ENOTCONN;
                    e.ShutRead |= read;
                    e.ShutWrite |= write;
                }
                else
                {
                    e.ShutRead |= read;
                    if (write && !e.ShutWrite)
                    {
                        e.ShutWrite = true;
                        tcp.Close();
                    }
                }
            }
            else
            {
                e.ShutRead |= read;
                e.ShutWrite |= write;
                result = e.Remote is null ? PalError.ENOTCONN : PalError.SUCCESS;
            }
            PollInterface();
            Refresh();
            return result;
        }
    }

    /// <summary>
    /// Ends the connection at once (connect(AF_UNSPEC) on Linux): a RST for TCP, the association
    /// for UDP; a listener stops listening. Callers blocked on the socket wake and fail.
    /// </summary>
    public PalError Disconnect(int fd)
    {
        lock (_sync)
        {
            if (!_entries.TryGetValue(fd, out Entry? e))
            {
                return PalError.EBADF;
            }
            if (!e.IsTcp)
            {
                e.Remote = null;
            }
            else if (e.Backlog is not null)
            {
                StopListening(e);
            }
            else if (e.Tcp is TcpSocket tcp)
            {
                tcp.Release();
                e.Tcp = null;
                e.ConnectPending = false;
                e.PendingError = PalError.SUCCESS;
                e.ShutRead = e.ShutWrite = false;
                e.Bound = false;
                e.Local = default;
            }
            PollInterface();
            Refresh();
            return PalError.SUCCESS;
        }
    }

    /// <summary>
    /// Closes the descriptor: a graceful FIN (the connection finishes closing on its own), or a RST
    /// when SO_LINGER is {on, 0} or unread data remains, as Linux does. Blocked callers wake with EBADF.
    /// </summary>
    public PalError Close(int fd)
    {
        lock (_sync)
        {
            if (!_entries.Remove(fd, out Entry? e))
            {
                return PalError.EBADF;
            }
            e.Closed = true;
            e.Port = null;
            if (e.Backlog is not null)
            {
                StopListening(e);
            }
            if (e.Tcp is TcpSocket tcp)
            {
                bool abortive = (e.LingerOn && e.LingerSeconds == 0) || tcp.BytesAvailable > 0;
                if (abortive || tcp.State == TcpState.Closed)
                {
                    tcp.Release();
                }
                else
                {
                    tcp.Close();
                    _orphans.Add(tcp);
                }
                e.Tcp = null;
            }
            e.Udp?.Close();
            e.Udp = null;
            PollInterface();
            Refresh();
            return PalError.SUCCESS;
        }
    }

    public PalError GetSockName(int fd, out Ipv4Endpoint local)
    {
        local = default;
        lock (_sync)
        {
            if (!_entries.TryGetValue(fd, out Entry? e))
            {
                return PalError.EBADF;
            }
            if (e.Tcp is TcpSocket tcp && tcp.State != TcpState.Closed)
            {
                local = tcp.LocalEndpoint;
            }
            else if (e.Udp is UdpSocket udp)
            {
                local = udp.LocalEndpoint;
            }
            else if (e.Bound)
            {
                local = e.Local;
            }
            return PalError.SUCCESS;
        }
    }

    public PalError GetPeerName(int fd, out Ipv4Endpoint remote)
    {
        remote = default;
        lock (_sync)
        {
            if (!_entries.TryGetValue(fd, out Entry? e))
            {
                return PalError.EBADF;
            }
            if (e.IsTcp)
            {
                if (e.Tcp is not TcpSocket tcp || !IsPastHandshake(tcp.State))
                {
                    return PalError.ENOTCONN;
                }
                remote = tcp.RemoteEndpoint;
                return PalError.SUCCESS;
            }
            if (e.Remote is not Ipv4Endpoint peer)
            {
                return PalError.ENOTCONN;
            }
            remote = peer;
            return PalError.SUCCESS;
        }
    }

    /// <summary>setsockopt for what is implemented; ENOTSUP for every other level and name.</summary>
    public PalError SetSockOpt(int fd, int level, int name, ReadOnlySpan<byte> value)
    {
        if (value.Length < 4)
        {
            return value.Length < 0 ? PalError.EFAULT : PalError.EINVAL;
        }
        int v = BitConverter.ToInt32(value);
        lock (_sync)
        {
            if (!_entries.TryGetValue(fd, out Entry? e))
            {
                return PalError.EBADF;
            }
            switch (level, name)
            {
                case (LevelSocket, OptionReuseAddress):
                    e.ReuseAddress = v != 0;
                    return PalError.SUCCESS;
                case (LevelSocket, OptionExclusiveAddressUse):
                    e.ReuseAddress = v == 0;
                    return PalError.SUCCESS;
                case (LevelSocket, OptionBroadcast):
                    e.Broadcast = v != 0;
                    return PalError.SUCCESS;
                case (LevelSocket, OptionKeepAlive):
                    // Keepalive is not implemented: turning it off is true, turning it on is not.
                    return v == 0 ? PalError.SUCCESS : PalError.ENOTSUP;
                case (LevelSocket, OptionReceiveBuffer):
                    e.ReceiveBufferSize = ClampBuffer(v);
                    return PalError.SUCCESS;
                case (LevelSocket, OptionSendBuffer):
                    e.SendBufferSize = ClampBuffer(v);
                    return PalError.SUCCESS;
                case (LevelTcp, OptionNoDelay) when e.IsTcp:
                    e.NoDelay = v != 0;
                    if (e.Tcp is TcpSocket tcp)
                    {
                        tcp.NoDelay = e.NoDelay;
                        PollInterface();
                    }
                    return PalError.SUCCESS;
                default:
                    return PalError.ENOTSUP;
            }
        }
    }

    /// <summary>getsockopt for what is implemented (4-byte integer values); ENOTSUP otherwise.</summary>
    public PalError GetSockOpt(int fd, int level, int name, Span<byte> value, out int length)
    {
        length = 0;
        if (value.Length < 4)
        {
            return PalError.EINVAL;
        }
        lock (_sync)
        {
            if (!_entries.TryGetValue(fd, out Entry? e))
            {
                return PalError.EBADF;
            }
            int? result = (level, name) switch
            {
                (LevelSocket, OptionType) => e.IsTcp ? SocketTypeStream : SocketTypeDgram,
                (LevelSocket, OptionReuseAddress) => e.ReuseAddress ? 1 : 0,
                (LevelSocket, OptionExclusiveAddressUse) => e.ReuseAddress ? 0 : 1,
                (LevelSocket, OptionBroadcast) => e.Broadcast ? 1 : 0,
                (LevelSocket, OptionKeepAlive) => 0,
                (LevelSocket, OptionAcceptConnection) => e.Backlog is not null ? 1 : 0,
                (LevelSocket, OptionReceiveBuffer) => e.IsTcp ? e.ReceiveBufferSize : _options.UdpReceiveBufferSize,
                (LevelSocket, OptionSendBuffer) => e.IsTcp ? e.SendBufferSize : _options.UdpSendBufferSize,
                (LevelSocket, OptionError) => (int)TakePendingError(e),
                (LevelTcp, OptionNoDelay) when e.IsTcp => e.NoDelay ? 1 : 0,
                (LevelIp, OptionIpTimeToLive) => _interface.Options.Ttl,
                _ => null,
            };
            if (result is not int v)
            {
                return PalError.ENOTSUP;
            }
            BitConverter.TryWriteBytes(value, v);
            length = 4;
            return PalError.SUCCESS;
        }
    }

    /// <summary>SO_RCVTIMEO in milliseconds; 0 = none. A blocking receive or accept past it fails with EAGAIN.</summary>
    public PalError SetReceiveTimeout(int fd, int milliseconds) => SetTimeout(fd, milliseconds, receive: true);

    /// <summary>SO_SNDTIMEO in milliseconds; 0 = none. A blocking send past it fails with EAGAIN, a connect with EINPROGRESS.</summary>
    public PalError SetSendTimeout(int fd, int milliseconds) => SetTimeout(fd, milliseconds, receive: false);

    public PalError SetLingerOption(int fd, bool on, int seconds)
    {
        if (on && (seconds < 0 || seconds > ushort.MaxValue))
        {
            return PalError.EINVAL;
        }
        lock (_sync)
        {
            if (!_entries.TryGetValue(fd, out Entry? e))
            {
                return PalError.EBADF;
            }
            e.LingerOn = on;
            e.LingerSeconds = on ? seconds : 0;
            return PalError.SUCCESS;
        }
    }

    public PalError GetLingerOption(int fd, out bool on, out int seconds)
    {
        on = false;
        seconds = 0;
        lock (_sync)
        {
            if (!_entries.TryGetValue(fd, out Entry? e))
            {
                return PalError.EBADF;
            }
            on = e.LingerOn;
            seconds = e.LingerSeconds;
            return PalError.SUCCESS;
        }
    }

    public PalError SetNonBlocking(int fd, bool nonBlocking)
    {
        lock (_sync)
        {
            if (!_entries.TryGetValue(fd, out Entry? e))
            {
                return PalError.EBADF;
            }
            e.NonBlocking = nonBlocking;
            return PalError.SUCCESS;
        }
    }

    public PalError GetNonBlocking(int fd, out bool nonBlocking)
    {
        nonBlocking = false;
        lock (_sync)
        {
            if (!_entries.TryGetValue(fd, out Entry? e))
            {
                return PalError.EBADF;
            }
            nonBlocking = e.NonBlocking;
            return PalError.SUCCESS;
        }
    }

    /// <summary>FIONREAD: bytes ready on a stream, the next datagram's length on a datagram socket.</summary>
    public PalError GetBytesAvailable(int fd, out int available)
    {
        available = 0;
        lock (_sync)
        {
            if (!_entries.TryGetValue(fd, out Entry? e))
            {
                return PalError.EBADF;
            }
            if (e.Tcp is TcpSocket tcp)
            {
                available = tcp.BytesAvailable;
            }
            else if (e.Udp is UdpSocket udp && udp.TryPeekFrom(Span<byte>.Empty, out int length, out _))
            {
                available = length;
            }
            return PalError.SUCCESS;
        }
    }

    /// <summary>SO_ERROR: the pending error as a PAL code (SUCCESS when none), cleared by reading it.</summary>
    public PalError GetSocketErrorOption(int fd, out PalError error)
    {
        error = PalError.SUCCESS;
        lock (_sync)
        {
            if (!_entries.TryGetValue(fd, out Entry? e))
            {
                return PalError.EBADF;
            }
            error = TakePendingError(e);
            return PalError.SUCCESS;
        }
    }

    /// <summary>
    /// poll(): fills each request's <see cref="PollRequest.Triggered"/> for this layer's sockets
    /// (POLLERR, POLLHUP always reported); requests for other descriptors keep what the caller set.
    /// Waits up to <paramref name="timeoutMilliseconds"/> (-1 = forever) for any to trigger.
    /// </summary>
    public PalError Poll(Span<PollRequest> requests, int timeoutMilliseconds, out int triggered)
    {
        triggered = 0;
        if (timeoutMilliseconds < -1)
        {
            return PalError.EINVAL;
        }
        lock (_sync)
        {
            TimeSpan? deadline = timeoutMilliseconds < 0 ? null : _clock() + TimeSpan.FromMilliseconds(timeoutMilliseconds);
            while (true)
            {
                int count = 0;
                for (int i = 0; i < requests.Length; i++)
                {
                    ref PollRequest request = ref requests[i];
                    if (_entries.TryGetValue(request.Fd, out Entry? e))
                    {
                        request.Triggered = Readiness(e) & (request.Events | PollEvents.Err | PollEvents.Hup);
                    }
                    if (request.Triggered != PollEvents.None)
                    {
                        count++;
                    }
                }
                if (count > 0 || timeoutMilliseconds == 0 || !Wait(deadline))
                {
                    triggered = count;
                    return PalError.SUCCESS;
                }
            }
        }
    }

    /// <summary>What <paramref name="fd"/> is ready for now, as poll reports it.</summary>
    public PollEvents GetReadiness(int fd)
    {
        lock (_sync)
        {
            return _entries.TryGetValue(fd, out Entry? e) ? Readiness(e) : PollEvents.Nval;
        }
    }

    /// <summary>An event port (epoll instance); its handle comes from the descriptor numbers.</summary>
    public PalError CreatePort(out int port)
    {
        lock (_sync)
        {
            if (!TryAllocateDescriptor(out port))
            {
                return PalError.EMFILE;
            }
            _ports[port] = new EventPort();
            return PalError.SUCCESS;
        }
    }

    public PalError ClosePort(int port)
    {
        lock (_sync)
        {
            if (!_ports.Remove(port, out EventPort? p))
            {
                return PalError.EBADF;
            }
            p.Closed = true;
            foreach (Entry e in _entries.Values)
            {
                if (e.Port == p)
                {
                    e.Port = null;
                }
            }
            Monitor.PulseAll(_sync);
            return PalError.SUCCESS;
        }
    }

    /// <summary>
    /// Registers <paramref name="fd"/> with <paramref name="port"/> for <paramref name="newEvents"/>
    /// with <paramref name="data"/> (None unregisters). Edge-triggered: an event comes when the
    /// socket becomes readable or writable, and at once for what is ready at registration.
    /// </summary>
    public PalError ChangeRegistration(int port, int fd, SocketEvents currentEvents, SocketEvents newEvents, nint data)
    {
        const int known = 0x1F;
        if (((int)currentEvents & ~known) != 0 || ((int)newEvents & ~known) != 0)
        {
            return PalError.EINVAL;
        }
        if (currentEvents == newEvents)
        {
            return PalError.SUCCESS;
        }
        lock (_sync)
        {
            if (!_ports.TryGetValue(port, out EventPort? p) || !_entries.TryGetValue(fd, out Entry? e))
            {
                return PalError.EBADF;
            }
            if (newEvents == SocketEvents.None)
            {
                if (e.Port == p)
                {
                    e.Port = null;
                    e.QueuedEvents = SocketEvents.None;
                }
                return PalError.SUCCESS;
            }
            e.Port = p;
            e.PortData = data;
            e.PortEvents = newEvents;
            e.LastReadable = e.LastWritable = e.LastError = false;
            Refresh();
            return PalError.SUCCESS;
        }
    }

    /// <summary>Blocks until the port has events, then takes up to <paramref name="buffer"/>'s length of them.</summary>
    public PalError WaitForEvents(int port, Span<SocketEvent> buffer, out int count)
    {
        count = 0;
        lock (_sync)
        {
            if (!_ports.TryGetValue(port, out EventPort? p))
            {
                return PalError.EBADF;
            }
            while (p.Ready.Count == 0 && !p.Closed)
            {
                Monitor.Wait(_sync);
            }
            while (count < buffer.Length && p.Ready.TryDequeue(out Entry? e))
            {
                e.InQueue = false;
                if (e.Closed || e.Port != p || e.QueuedEvents == SocketEvents.None)
                {
                    continue;
                }
                buffer[count++] = new SocketEvent { Data = e.PortData, Events = e.QueuedEvents };
                e.QueuedEvents = SocketEvents.None;
            }
            return PalError.SUCCESS;
        }
    }

    // ---- TCP ----

    private PalError SendTcp(Entry e, ReadOnlySpan<byte> data, bool dontWait, out int sent)
    {
        sent = 0;
        if (e.Tcp is not TcpSocket tcp)
        {
            return PalError.ENOTCONN;
        }
        TimeSpan? deadline = Deadline(e.SendTimeout);
        while (true)
        {
            if (e.Closed)
            {
                return PalError.EBADF;
            }
            if (e.Tcp != tcp || e.ShutWrite)
            {
                return PalError.EPIPE;
            }
            Observe(e);
            if (tcp.State == TcpState.Closed && e.PendingError != PalError.SUCCESS)
            {
                return TakePendingError(e);
            }
            switch (tcp.TrySend(data, out int written))
            {
                case TcpSendStatus.Ok when written > 0 || data.IsEmpty:
                    sent = written;
                    PollInterface();
                    return PalError.SUCCESS;
                case TcpSendStatus.NotConnected:
                    return PalError.ENOTCONN;
                case TcpSendStatus.Closed:
                    return tcp.Error == TcpError.ConnectionReset ? PalError.ECONNRESET : PalError.EPIPE;
            }
            if (e.NonBlocking || dontWait)
            {
                e.LastWritable = false;
                return PalError.EAGAIN;
            }
            if (!Wait(deadline))
            {
                return PalError.EAGAIN;
            }
        }
    }

    private PalError ReceiveTcp(Entry e, Span<byte> buffer, bool peek, bool dontWait, out int received)
    {
        received = 0;
        if (e.Tcp is not TcpSocket tcp)
        {
            return PalError.ENOTCONN;
        }
        if (buffer.IsEmpty)
        {
            return PalError.SUCCESS;
        }
        TimeSpan? deadline = Deadline(e.ReceiveTimeout);
        while (true)
        {
            if (e.Closed)
            {
                return PalError.EBADF;
            }
            if (e.Tcp != tcp)
            {
                return PalError.ECONNABORTED;
            }
            Observe(e);
            if (peek)
            {
                received = tcp.Peek(buffer);
                if (received > 0)
                {
                    return PalError.SUCCESS;
                }
            }
            else
            {
                TcpReceiveStatus status = tcp.TryReceive(buffer, out received);
                if (received > 0)
                {
                    // The window may have opened: the update goes out now.
                    PollInterface();
                    return PalError.SUCCESS;
                }
            }
            if (tcp.PeerClosed || e.ShutRead)
            {
                return PalError.SUCCESS;
            }
            if (tcp.State == TcpState.Closed)
            {
                return TakePendingError(e);
            }
            if (e.NonBlocking || dontWait)
            {
                e.LastReadable = false;
                return PalError.EAGAIN;
            }
            if (!Wait(deadline))
            {
                return PalError.EAGAIN;
            }
        }
    }

    private TcpSocket NewTcpSocket(Entry e)
    {
        TcpSocket tcp = _interface.CreateTcpSocket(new TcpSocketOptions
        {
            ReceiveBufferSize = e.ReceiveBufferSize,
            SendBufferSize = e.SendBufferSize,
            NoDelay = e.NoDelay,
            MinRto = _options.TcpMinRto,
            TimeWaitDuration = _options.TcpTimeWaitDuration,
        });
        return tcp;
    }

    /// <summary>Keeps a listener's backlog full of sockets in LISTEN; closed ones are dropped.</summary>
    private void Replenish(Entry e)
    {
        List<TcpSocket> backlog = e.Backlog!;
        for (int i = backlog.Count - 1; i >= 0; i--)
        {
            if (backlog[i].State == TcpState.Closed)
            {
                backlog[i].Release();
                backlog.RemoveAt(i);
            }
        }
        while (backlog.Count < e.BacklogLimit)
        {
            TcpSocket tcp = NewTcpSocket(e);
            tcp.Listen(e.Local.Port, e.Local.Address);
            backlog.Add(tcp);
        }
    }

    private void StopListening(Entry e)
    {
        if (e.Backlog is null)
        {
            return;
        }
        foreach (TcpSocket tcp in e.Backlog)
        {
            tcp.Release();
        }
        e.Backlog = null;
        e.ListenStopped = true;
    }

    private bool TryAllocateTcpPort(out ushort port)
    {
        for (int attempt = 0; attempt < 1024; attempt++)
        {
            if (!_interface.TryAllocateTcpPort(out port))
            {
                return false;
            }
            bool taken = false;
            foreach (Entry other in _entries.Values)
            {
                if (other.IsTcp && other.Bound && other.Local.Port == port)
                {
                    taken = true;
                    break;
                }
            }
            if (!taken)
            {
                return true;
            }
        }
        port = 0;
        return false;
    }

    /// <summary>
    /// Linux's rule with SO_REUSEADDR: a port is shared unless one side is listening (or either
    /// lacks the option); without it, any socket on the port, closing ones included, conflicts.
    /// </summary>
    private bool TcpPortConflicts(Entry e, ushort port, Ipv4Address address, bool listening)
    {
        foreach (Entry other in _entries.Values)
        {
            if (other == e || !other.IsTcp)
            {
                continue;
            }
            Ipv4Endpoint occupied;
            if (other.Tcp is TcpSocket tcp && tcp.State != TcpState.Closed)
            {
                occupied = tcp.LocalEndpoint;
            }
            else if (other.Bound)
            {
                occupied = other.Local;
            }
            else
            {
                continue;
            }
            bool overlaps = occupied.Port == port && (occupied.Address.IsAny || address.IsAny || occupied.Address == address);
            if (!overlaps)
            {
                continue;
            }
            if (other.Backlog is not null || !(e.ReuseAddress && other.ReuseAddress))
            {
                return true;
            }
            if (listening && other.Tcp is null)
            {
                // Bound to the same port and not yet listening: the first to listen wins.
                continue;
            }
        }
        if (!e.ReuseAddress)
        {
            foreach (TcpSocket orphan in _orphans)
            {
                if (orphan.State != TcpState.Closed && orphan.LocalEndpoint.Port == port)
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static bool IsPastHandshake(TcpState state) =>
        state is not (TcpState.Closed or TcpState.Listen or TcpState.SynSent or TcpState.SynReceived);

    private static PalError ConnectError(TcpError error) => error switch
    {
        TcpError.ConnectionRefused => PalError.ECONNREFUSED,
        TcpError.ConnectionReset => PalError.ECONNREFUSED,
        TcpError.TimedOut => PalError.ETIMEDOUT,
        _ => PalError.ECONNABORTED,
    };

    // ---- UDP ----

    private UdpSocket EnsureUdp(Entry e) =>
        e.Udp ??= _interface.CreateUdpSocket(_options.UdpReceiveBufferSize, _options.UdpSendBufferSize, _options.UdpDatagrams);

    private PalError ConnectUdp(Entry e, Ipv4Endpoint remote)
    {
        if (remote.Address.IsAny || remote.Port == 0)
        {
            return PalError.EINVAL;
        }
        if (remote.Address.IsBroadcast && !e.Broadcast)
        {
            return PalError.EACCES;
        }
        UdpSocket udp = EnsureUdp(e);
        if (!udp.IsBound)
        {
            if (udp.Bind(0) != UdpBindStatus.Ok)
            {
                return PalError.EAGAIN;
            }
            e.Local = udp.LocalEndpoint;
            e.Bound = true;
        }
        e.Remote = remote;
        return PalError.SUCCESS;
    }

    private PalError SendUdp(Entry e, ReadOnlySpan<byte> data, Ipv4Endpoint? destination, bool dontWait, out int sent)
    {
        sent = 0;
        if (destination is not Ipv4Endpoint to)
        {
            if (e.Remote is not Ipv4Endpoint connected)
            {
                return PalError.EDESTADDRREQ;
            }
            to = connected;
        }
        if (e.ShutWrite)
        {
            return PalError.EPIPE;
        }
        bool broadcast = to.Address.IsBroadcast || (_interface.Address is Ipv4Cidr c && to.Address == c.SubnetBroadcast);
        if (broadcast && !e.Broadcast)
        {
            return PalError.EACCES;
        }
        if (!broadcast)
        {
            PalError route = CheckRoute(to.Address);
            if (route != PalError.SUCCESS)
            {
                return route;
            }
        }
        UdpSocket udp = EnsureUdp(e);
        TimeSpan? deadline = Deadline(e.SendTimeout);
        while (true)
        {
            if (e.Closed)
            {
                return PalError.EBADF;
            }
            UdpSendStatus status = udp.TrySendTo(data, to);
            if (!e.Bound && udp.IsBound)
            {
                e.Local = udp.LocalEndpoint;
                e.Bound = true;
            }
            switch (status)
            {
                case UdpSendStatus.Ok:
                    sent = data.Length;
                    PollInterface();
                    return PalError.SUCCESS;
                case UdpSendStatus.TooLarge:
                    return PalError.EMSGSIZE;
                case UdpSendStatus.InvalidDestination:
                    return PalError.EINVAL;
                case UdpSendStatus.NoFreePort:
                    return PalError.EAGAIN;
                case UdpSendStatus.Closed:
                    return PalError.EBADF;
            }
            // The queue is full: what it holds may leave now; then try once more before waiting.
            PollInterface();
            if (udp.TrySendTo(data, to) == UdpSendStatus.Ok)
            {
                sent = data.Length;
                PollInterface();
                return PalError.SUCCESS;
            }
            if (e.NonBlocking || dontWait)
            {
                e.LastWritable = false;
                return PalError.EAGAIN;
            }
            if (!Wait(deadline))
            {
                return PalError.EAGAIN;
            }
        }
    }

    private PalError ReceiveUdp(Entry e, Span<byte> buffer, bool peek, bool dontWait, out int received, out Ipv4Endpoint? from, out int messageFlags)
    {
        received = 0;
        from = null;
        messageFlags = 0;
        TimeSpan? deadline = Deadline(e.ReceiveTimeout);
        while (true)
        {
            if (e.Closed)
            {
                return PalError.EBADF;
            }
            if (e.Udp is UdpSocket udp)
            {
                while (peek ? udp.TryPeekFrom(buffer, out int length, out UdpDatagramInfo info) : udp.TryReceiveFrom(buffer, out length, out info))
                {
                    if (e.Remote is Ipv4Endpoint connected && info.Remote != connected)
                    {
                        // A connected socket hears only its peer.
                        if (peek)
                        {
                            udp.TryReceiveFrom(Span<byte>.Empty, out _, out _);
                        }
                        continue;
                    }
                    received = Math.Min(length, buffer.Length);
                    from = info.Remote;
                    messageFlags = length > buffer.Length ? FlagTruncated : 0;
                    return PalError.SUCCESS;
                }
            }
            if (e.ShutRead)
            {
                return PalError.SUCCESS;
            }
            if (e.NonBlocking || dontWait)
            {
                e.LastReadable = false;
                return PalError.EAGAIN;
            }
            if (!Wait(deadline))
            {
                return PalError.EAGAIN;
            }
        }
    }

    // ---- common ----

    private PalError CheckRoute(Ipv4Address destination)
    {
        if (_interface.Address is not Ipv4Cidr cidr)
        {
            return PalError.ENETUNREACH;
        }
        if (destination.IsAny)
        {
            return PalError.ECONNREFUSED;
        }
        if (destination.IsBroadcast || destination.IsMulticast || destination.IsLoopback || destination == cidr.Address)
        {
            // No loopback interface and no multicast: nothing reaches these.
            return PalError.ENETUNREACH;
        }
        if (!cidr.Contains(destination) && _interface.Gateway.IsAny)
        {
            return PalError.ENETUNREACH;
        }
        return PalError.SUCCESS;
    }

    private PalError SetTimeout(int fd, int milliseconds, bool receive)
    {
        if (milliseconds < 0)
        {
            return PalError.EINVAL;
        }
        lock (_sync)
        {
            if (!_entries.TryGetValue(fd, out Entry? e))
            {
                return PalError.EBADF;
            }
            TimeSpan? timeout = milliseconds == 0 ? null : TimeSpan.FromMilliseconds(milliseconds);
            if (receive)
            {
                e.ReceiveTimeout = timeout;
            }
            else
            {
                e.SendTimeout = timeout;
            }
            return PalError.SUCCESS;
        }
    }

    private static int ClampBuffer(int size) => Math.Clamp(size, 2048, 16 * 1024 * 1024);

    private bool TryAllocateDescriptor(out int fd)
    {
        fd = -1;
        if (_entries.Count + _ports.Count >= _options.MaxOpenSockets || _nextDescriptor == int.MaxValue)
        {
            return false;
        }
        fd = _nextDescriptor++;
        return true;
    }

    private TimeSpan? Deadline(TimeSpan? timeout) => timeout is TimeSpan t ? _clock() + t : null;

    /// <returns>false once <paramref name="deadline"/> has passed.</returns>
    private bool Wait(TimeSpan? deadline)
    {
        if (deadline is not TimeSpan end)
        {
            Monitor.Wait(_sync);
            return true;
        }
        TimeSpan left = end - _clock();
        if (left <= TimeSpan.Zero)
        {
            return false;
        }
        Monitor.Wait(_sync, left < MaxWaitSlice ? left : MaxWaitSlice);
        return true;
    }

    /// <summary>Lets the interface send what was queued (and take what arrived) until idle.</summary>
    private void PollInterface(int maxRounds = 64)
    {
        TimeSpan now = _clock();
        for (int i = 0; i < maxRounds && _interface.Poll(now); i++)
        {
        }
    }

    /// <summary>Notes connection outcomes, keeps backlogs full, releases finished orphans, raises edges and wakes waiters.</summary>
    private void Refresh()
    {
        for (int i = _orphans.Count - 1; i >= 0; i--)
        {
            if (_orphans[i].State == TcpState.Closed)
            {
                _orphans[i].Release();
                _orphans.RemoveAt(i);
            }
        }
        foreach (Entry e in _entries.Values)
        {
            if (e.Backlog is not null)
            {
                Replenish(e);
            }
            Observe(e);
            if (e.Port is not null)
            {
                RaiseEdges(e);
            }
        }
        Monitor.PulseAll(_sync);
    }

    /// <summary>Records the end of a connect and a connection's failure as the pending error (SO_ERROR).</summary>
    private static void Observe(Entry e)
    {
        if (e.Tcp is not TcpSocket tcp)
        {
            return;
        }
        if (e.ConnectPending && IsPastHandshake(tcp.State))
        {
            e.ConnectPending = false;
            e.EverConnected = true;
        }
        if (tcp.State == TcpState.Closed && !e.ErrorNoted)
        {
            e.ErrorNoted = true;
            if (e.ConnectPending)
            {
                e.ConnectPending = false;
                e.PendingError = ConnectError(tcp.Error);
            }
            else if (tcp.Error is TcpError.ConnectionReset or TcpError.TimedOut)
            {
                e.PendingError = tcp.Error == TcpError.ConnectionReset ? PalError.ECONNRESET : PalError.ETIMEDOUT;
            }
        }
    }

    private static PalError TakePendingError(Entry e)
    {
        Observe(e);
        PalError error = e.PendingError;
        e.PendingError = PalError.SUCCESS;
        return error;
    }

    private static PollEvents Readiness(Entry e)
    {
        Observe(e);
        PollEvents ready = e.PendingError != PalError.SUCCESS ? PollEvents.Err : PollEvents.None;
        if (!e.IsTcp)
        {
            if ((e.Udp?.ReceiveQueueCount ?? 0) > 0 || e.ShutRead)
            {
                ready |= PollEvents.In;
            }
            return ready | PollEvents.Out;
        }
        if (e.Backlog is not null)
        {
            foreach (TcpSocket candidate in e.Backlog)
            {
                if (IsPastHandshake(candidate.State))
                {
                    return ready | PollEvents.In;
                }
            }
            return ready;
        }
        if (e.Tcp is not TcpSocket tcp)
        {
            // An unconnected socket, as Linux reports TCP_CLOSE.
            return ready | PollEvents.Out | PollEvents.Hup;
        }
        switch (tcp.State)
        {
            case TcpState.SynSent or TcpState.SynReceived:
                return ready;
            case TcpState.Closed:
                return ready | PollEvents.In | PollEvents.Out | PollEvents.Hup;
        }
        if (tcp.BytesAvailable > 0 || tcp.PeerClosed || e.ShutRead)
        {
            ready |= PollEvents.In;
        }
        if (e.ShutWrite || (tcp.State is TcpState.Established or TcpState.CloseWait && tcp.SendSpace > 0))
        {
            ready |= PollEvents.Out;
        }
        if (tcp.PeerClosed && e.ShutWrite)
        {
            ready |= PollEvents.Hup;
        }
        return ready;
    }

    /// <summary>Edge-triggered, as EPOLLET: an event when readable or writable turns on (HUP and ERR count as both).</summary>
    private static void RaiseEdges(Entry e)
    {
        PollEvents ready = Readiness(e);
        bool readable = (ready & (PollEvents.In | PollEvents.Hup | PollEvents.Err)) != 0;
        bool writable = (ready & (PollEvents.Out | PollEvents.Hup | PollEvents.Err)) != 0;
        bool error = (ready & PollEvents.Err) != 0;
        SocketEvents events = SocketEvents.None;
        if (readable && !e.LastReadable && (e.PortEvents & SocketEvents.Read) != 0)
        {
            events |= SocketEvents.Read;
        }
        if (writable && !e.LastWritable && (e.PortEvents & SocketEvents.Write) != 0)
        {
            events |= SocketEvents.Write;
        }
        if (error && !e.LastError)
        {
            events |= SocketEvents.Error;
        }
        e.LastReadable = readable;
        e.LastWritable = writable;
        e.LastError = error;
        if (events == SocketEvents.None || e.Port is not EventPort port)
        {
            return;
        }
        e.QueuedEvents |= events;
        if (!e.InQueue)
        {
            e.InQueue = true;
            port.Ready.Enqueue(e);
        }
    }

    private sealed class EventPort
    {
        public readonly Queue<Entry> Ready = new();
        public bool Closed;
    }

    private sealed class Entry
    {
        public Entry(int fd, bool isTcp, SocketLayerOptions options)
        {
            Fd = fd;
            IsTcp = isTcp;
            ReceiveBufferSize = options.TcpReceiveBufferSize;
            SendBufferSize = options.TcpSendBufferSize;
        }

        public int Fd { get; }
        public bool IsTcp { get; }
        public bool Closed;
        public bool NonBlocking;
        public TimeSpan? ReceiveTimeout;
        public TimeSpan? SendTimeout;
        public bool ReuseAddress;
        public bool Broadcast;
        public bool NoDelay;
        public int ReceiveBufferSize;
        public int SendBufferSize;
        public bool LingerOn;
        public int LingerSeconds;
        public bool Bound;
        public Ipv4Endpoint Local;
        public bool ShutRead;
        public bool ShutWrite;
        public PalError PendingError;

        // TCP: the connection, or the backlog of a listener.
        public TcpSocket? Tcp;
        public bool ConnectPending;
        public bool EverConnected;
        public bool ErrorNoted;
        public List<TcpSocket>? Backlog;
        public int BacklogLimit;
        public bool ListenStopped;

        // UDP: created when bound, connected or first sent from.
        public UdpSocket? Udp;
        public Ipv4Endpoint? Remote;

        // Event port registration and edge state.
        public EventPort? Port;
        public nint PortData;
        public SocketEvents PortEvents;
        public SocketEvents QueuedEvents;
        public bool InQueue;
        public bool LastReadable;
        public bool LastWritable;
        public bool LastError;
    }
}
