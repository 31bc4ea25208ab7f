using Minnow.Net.Buffers;
using Minnow.Net.Wire;

namespace Minnow.Net.Tcp;

/// <summary>
/// One TCP connection (RFC 9293): passive or active open, a sliding window with window scaling
/// (RFC 7323) and MSS, retransmission per RFC 6298, slow start, congestion avoidance, fast
/// retransmit and NewReno recovery (RFC 5681, RFC 6582), Nagle's algorithm, delayed ACKs, zero-
/// window probing, and the closing states through TIME_WAIT.
/// </summary>
/// <remarks>
/// The program reads and writes through the buffers; segments are built and timers run when the
/// owning <see cref="Interface"/> polls. Send data is copied from the program's span into the send
/// buffer and from there straight into the device's frame; received data goes from the frame into
/// the receive buffer, in or out of order, and from there into the program's span.
/// </remarks>
public sealed class TcpSocket
{
    private const int DefaultPeerMss = 536;
    private const int InitialWindowSegments = 10;

    private readonly Interface _interface;
    private readonly TcpSocketOptions _options;
    private readonly ByteRing _sendBuffer;
    private readonly ByteRing _receiveBuffer;
    private readonly TcpReassembler _reassembler = new();
    private readonly TcpRttEstimator _rtt;
    private readonly int _receiveShift;

    private bool _passiveOpen;
    private TcpSeqNumber _iss;
    private TcpSeqNumber _sndUna;
    // The sequence number of the send buffer's first byte: SND.UNA, except around SYN and FIN.
    private TcpSeqNumber _dataStart;
    private TcpSeqNumber _sndNxt;
    private TcpSeqNumber _sndMax;
    private TcpSeqNumber _sndWl1;
    private TcpSeqNumber _sndWl2;
    private long _sndWnd;
    private long _maxSndWnd;
    private int _sendShift;
    private bool _windowScaling;
    private bool _peerOfferedWindowScale;
    private int _mss;
    private TcpSeqNumber _irs;
    private TcpSeqNumber _rcvNxt;
    private TcpSeqNumber _advertisedRightEdge;
    private bool _finQueued;
    private bool _finReceived;

    private long _cwnd;
    private long _ssthresh;
    private int _duplicateAcks;
    private bool _inRecovery;
    private TcpSeqNumber _recover;
    private bool _retransmitFirst;
    private bool _probeZeroWindow;

    private TimeSpan? _retransmitDeadline;
    private TimeSpan? _delayedAckDeadline;
    private TimeSpan? _timeWaitDeadline;
    private int _retransmissions;
    private bool _timing;
    private TcpSeqNumber _timedSeq;
    private TimeSpan _timedAt;
    private bool _ackNow;
    private int _unackedSegments;

    internal TcpSocket(Interface owner, TcpSocketOptions options)
    {
        _interface = owner;
        _options = options;
        _sendBuffer = new ByteRing(options.SendBufferSize);
        _receiveBuffer = new ByteRing(options.ReceiveBufferSize);
        _rtt = new TcpRttEstimator(options.InitialRto, options.MinRto, options.MaxRto);
        NoDelay = options.NoDelay;
        // The smallest shift that lets the 16-bit field express the whole buffer (RFC 7323 2.3).
        int shift = 0;
        while (shift < TcpOptions.MaxWindowScale && (options.ReceiveBufferSize >> shift) > ushort.MaxValue)
        {
            shift++;
        }
        _receiveShift = shift;
    }

    public TcpState State { get; private set; }

    public TcpError Error { get; private set; }

    public Ipv4Endpoint LocalEndpoint { get; private set; }

    public Ipv4Endpoint RemoteEndpoint { get; private set; }

    /// <summary>TCP_NODELAY: send small segments without waiting for outstanding data to be acknowledged.</summary>
    public bool NoDelay { get; set; }

    /// <summary>Bytes ready to read.</summary>
    public int BytesAvailable => _receiveBuffer.Count;

    /// <summary>Room in the send buffer.</summary>
    public int SendSpace => _sendBuffer.Free;

    /// <summary>Bytes written but not yet acknowledged by the peer.</summary>
    public int BytesUnacknowledged => _sendBuffer.Count;

    /// <summary>Whether the peer has sent FIN (more data may still be buffered).</summary>
    public bool PeerClosed => _finReceived;

    public bool IsConnected => State is TcpState.Established or TcpState.CloseWait;

    /// <summary>The effective maximum segment size for sending.</summary>
    public int MaxSegmentSize => _mss;

    /// <summary>The smoothed round-trip time (RFC 6298 SRTT); zero before the first sample.</summary>
    public TimeSpan SmoothedRtt => _rtt.SmoothedRtt;

    /// <summary>The current retransmission timeout, backoff included.</summary>
    public TimeSpan RetransmissionTimeout => _rtt.Rto;

    internal TcpRttEstimator RttEstimator => _rtt;

    public long CongestionWindow => _cwnd;

    /// <summary>Segments retransmitted on this connection, for diagnostics and tests.</summary>
    public long RetransmittedSegments { get; private set; }

    /// <summary>When this socket next needs a poll for its timers; null when none is armed.</summary>
    public TimeSpan? NextDeadline
    {
        get
        {
            TimeSpan? earliest = _retransmitDeadline;
            if (_delayedAckDeadline is TimeSpan ack && (earliest is null || ack < earliest))
            {
                earliest = ack;
            }
            if (_timeWaitDeadline is TimeSpan wait && (earliest is null || wait < earliest))
            {
                earliest = wait;
            }
            return earliest;
        }
    }

    /// <summary>Waits for one connection on <paramref name="port"/>. Several sockets may listen on one port.</summary>
    public TcpOpenStatus Listen(ushort port, Ipv4Address address = default)
    {
        if (State != TcpState.Closed)
        {
            return TcpOpenStatus.InvalidState;
        }
        if (port == 0)
        {
            return TcpOpenStatus.InvalidEndpoint;
        }
        ResetConnection();
        LocalEndpoint = new Ipv4Endpoint(address, port);
        RemoteEndpoint = default;
        _passiveOpen = true;
        State = TcpState.Listen;
        return TcpOpenStatus.Ok;
    }

    /// <summary>Starts an active open; the SYN goes out on the next poll.</summary>
    public TcpOpenStatus Connect(Ipv4Endpoint remote, ushort localPort = 0)
    {
        if (State != TcpState.Closed)
        {
            return TcpOpenStatus.InvalidState;
        }
        if (remote.Port == 0 || remote.Address.IsAny || remote.Address.IsBroadcast || remote.Address.IsMulticast)
        {
            return TcpOpenStatus.InvalidEndpoint;
        }
        if (_interface.Address is not Ipv4Cidr cidr)
        {
            return TcpOpenStatus.NoAddress;
        }
        if (localPort == 0)
        {
            if (!_interface.TryAllocateTcpPort(out localPort))
            {
                return TcpOpenStatus.NoFreePort;
            }
        }
        ResetConnection();
        LocalEndpoint = new Ipv4Endpoint(cidr.Address, localPort);
        RemoteEndpoint = remote;
        _passiveOpen = false;
        _iss = _interface.InitialSequenceNumber(LocalEndpoint, remote, _interface.Now);
        _sndUna = _iss;
        _sndNxt = _iss;
        _sndMax = _iss;
        _dataStart = _iss + 1;
        _recover = _iss;
        _mss = DefaultPeerMss;
        State = TcpState.SynSent;
        return TcpOpenStatus.Ok;
    }

    /// <summary>Queues bytes to send; takes as many as the send buffer has room for.</summary>
    public TcpSendStatus TrySend(ReadOnlySpan<byte> data, out int written)
    {
        written = 0;
        switch (State)
        {
            case TcpState.Closed when Error == TcpError.None:
            case TcpState.Listen:
                return TcpSendStatus.NotConnected;
            case TcpState.SynSent or TcpState.SynReceived or TcpState.Established or TcpState.CloseWait when !_finQueued:
                if (data.IsEmpty)
                {
                    return TcpSendStatus.Ok;
                }
                written = _sendBuffer.Append(data);
                return written == 0 ? TcpSendStatus.WouldBlock : TcpSendStatus.Ok;
            default:
                return TcpSendStatus.Closed;
        }
    }

    /// <summary>Reads received bytes in order.</summary>
    public TcpReceiveStatus TryReceive(Span<byte> buffer, out int read)
    {
        read = _receiveBuffer.Read(buffer);
        if (read > 0)
        {
            // Receiver-side silly window avoidance (RFC 9293 3.8.6.2.2): announce the opened
            // window once it grew by a segment or half the buffer.
            long opened = (_rcvNxt + _receiveBuffer.Free) - _advertisedRightEdge;
            if (opened >= Math.Min(_receiveBuffer.Capacity / 2, Math.Max(_mss, 1)) && CanReceiveData)
            {
                _ackNow = true;
            }
            return TcpReceiveStatus.Ok;
        }
        if (buffer.IsEmpty && State != TcpState.Closed)
        {
            return TcpReceiveStatus.Ok;
        }
        if (_finReceived)
        {
            return TcpReceiveStatus.EndOfStream;
        }
        if (State is TcpState.Closed or TcpState.Listen)
        {
            return TcpReceiveStatus.NotConnected;
        }
        return TcpReceiveStatus.WouldBlock;
    }

    /// <summary>Copies received bytes without consuming them (MSG_PEEK).</summary>
    /// <returns>The number of bytes copied: at most <paramref name="buffer"/>'s length and <see cref="BytesAvailable"/>.</returns>
    public int Peek(Span<byte> buffer)
    {
        int count = Math.Min(buffer.Length, _receiveBuffer.Count);
        _receiveBuffer.CopyTo(0, buffer[..count]);
        return count;
    }

    /// <summary>Closes the sending direction: FIN follows the data already queued.</summary>
    public void Close()
    {
        switch (State)
        {
            case TcpState.Listen:
            case TcpState.SynSent:
                State = TcpState.Closed;
                StopTimers();
                break;
            case TcpState.SynReceived:
                // FIN waits until the handshake completes (RFC 9293 3.10.4).
                _finQueued = true;
                break;
            case TcpState.Established:
                _finQueued = true;
                State = TcpState.FinWait1;
                break;
            case TcpState.CloseWait:
                _finQueued = true;
                State = TcpState.LastAck;
                break;
        }
    }

    /// <summary>Ends the connection at once with a RST; queued data is discarded.</summary>
    public void Abort()
    {
        if (State is TcpState.SynReceived or TcpState.Established or TcpState.FinWait1 or TcpState.FinWait2 or TcpState.CloseWait)
        {
            SendControl(_sndMax, TcpFlags.Rst);
        }
        if (State != TcpState.Closed)
        {
            Error = TcpError.Aborted;
        }
        EnterClosed();
    }

    /// <summary>Aborts if open and detaches the socket from its interface for good.</summary>
    public void Release()
    {
        Abort();
        _interface.Remove(this);
    }

    internal bool MatchesConnection(Ipv4Endpoint local, Ipv4Endpoint remote) =>
        State is not (TcpState.Closed or TcpState.Listen) && LocalEndpoint == local && RemoteEndpoint == remote;

    private bool CanReceiveData => State is TcpState.Established or TcpState.FinWait1 or TcpState.FinWait2 or TcpState.SynReceived;

    private long FlightSize => _sndMax - _sndUna;

    /// <summary>The sequence number just past the last byte of queued data.</summary>
    private TcpSeqNumber DataEnd => _dataStart + _sendBuffer.Count;

    private void ResetConnection()
    {
        _sendBuffer.Clear();
        _receiveBuffer.Clear();
        _reassembler.Clear();
        Error = TcpError.None;
        _finQueued = false;
        _finReceived = false;
        _windowScaling = false;
        _peerOfferedWindowScale = false;
        _sendShift = 0;
        _sndWnd = 0;
        _maxSndWnd = 0;
        _cwnd = 0;
        _ssthresh = int.MaxValue;
        _duplicateAcks = 0;
        _inRecovery = false;
        _retransmitFirst = false;
        _probeZeroWindow = false;
        _retransmissions = 0;
        _timing = false;
        _ackNow = false;
        _unackedSegments = 0;
        RetransmittedSegments = 0;
        StopTimers();
    }

    private void StopTimers()
    {
        _retransmitDeadline = null;
        _delayedAckDeadline = null;
        _timeWaitDeadline = null;
    }

    private void EnterClosed()
    {
        State = TcpState.Closed;
        StopTimers();
        // The receive buffer stays readable: data that arrived before a close or reset is kept.
        _sendBuffer.Clear();
    }

    private void ApplySynOptions(in TcpHeader tcp)
    {
        int ourMss = _interface.Mtu - Ipv4Header.MinimumLength - TcpHeader.MinimumLength;
        int peerMss = tcp.Options.MaxSegmentSize != 0 ? tcp.Options.MaxSegmentSize : DefaultPeerMss;
        _mss = Math.Max(1, Math.Min(ourMss, peerMss));
        _peerOfferedWindowScale = tcp.Options.HasWindowScale;
        _windowScaling = tcp.Options.HasWindowScale;
        _sendShift = _windowScaling ? tcp.Options.WindowScale : 0;
        // RFC 6928's initial window.
        _cwnd = Math.Min(InitialWindowSegments * _mss, Math.Max(2 * _mss, 14600));
        _ssthresh = int.MaxValue;
    }

    internal void Process(in TcpHeader tcp, ReadOnlySpan<byte> payload, Ipv4Endpoint remote, Ipv4Endpoint local, TimeSpan now)
    {
        switch (State)
        {
            case TcpState.Closed:
                return;
            case TcpState.Listen:
                ProcessListen(tcp, remote, local, now);
                return;
            case TcpState.SynSent:
                ProcessSynSent(tcp, now);
                return;
        }
        ProcessSynchronized(tcp, payload, now);
    }

    private void ProcessListen(in TcpHeader tcp, Ipv4Endpoint remote, Ipv4Endpoint local, TimeSpan now)
    {
        if (tcp.Has(TcpFlags.Rst))
        {
            return;
        }
        if (tcp.Has(TcpFlags.Ack))
        {
            _interface.SendResetFor(tcp, 0, remote, local);
            return;
        }
        if (!tcp.Has(TcpFlags.Syn))
        {
            return;
        }
        LocalEndpoint = local;
        RemoteEndpoint = remote;
        _irs = tcp.Sequence;
        _rcvNxt = tcp.Sequence + 1;
        _iss = _interface.InitialSequenceNumber(local, remote, now);
        _sndUna = _iss;
        _sndNxt = _iss;
        _sndMax = _iss;
        _dataStart = _iss + 1;
        _recover = _iss;
        ApplySynOptions(tcp);
        // The window in a SYN is never scaled (RFC 7323 2.2).
        _sndWnd = tcp.Window;
        _maxSndWnd = _sndWnd;
        _sndWl1 = tcp.Sequence;
        _sndWl2 = _iss;
        State = TcpState.SynReceived;
    }

    private void ProcessSynSent(in TcpHeader tcp, TimeSpan now)
    {
        bool ackAcceptable = false;
        if (tcp.Has(TcpFlags.Ack))
        {
            if (tcp.Acknowledgment <= _iss || tcp.Acknowledgment > _sndMax)
            {
                if (!tcp.Has(TcpFlags.Rst))
                {
                    SendControl(tcp.Acknowledgment, TcpFlags.Rst);
                }
                return;
            }
            ackAcceptable = true;
        }
        if (tcp.Has(TcpFlags.Rst))
        {
            if (ackAcceptable)
            {
                Error = TcpError.ConnectionRefused;
                EnterClosed();
            }
            return;
        }
        if (!tcp.Has(TcpFlags.Syn))
        {
            return;
        }
        _irs = tcp.Sequence;
        _rcvNxt = tcp.Sequence + 1;
        ApplySynOptions(tcp);
        _sndWnd = tcp.Window;
        _maxSndWnd = _sndWnd;
        _sndWl1 = tcp.Sequence;
        if (ackAcceptable)
        {
            SampleRtt(tcp.Acknowledgment, now);
            _sndUna = tcp.Acknowledgment;
            _sndWl2 = tcp.Acknowledgment;
            _retransmissions = 0;
            _retransmitDeadline = null;
            State = TcpState.Established;
            _ackNow = true;
        }
        else
        {
            // Simultaneous open: answer with SYN-ACK, resending our SYN.
            _sndWl2 = _iss;
            _sndNxt = _iss;
            State = TcpState.SynReceived;
        }
    }

    private void ProcessSynchronized(in TcpHeader tcp, ReadOnlySpan<byte> payload, TimeSpan now)
    {
        TcpSeqNumber seq = tcp.Sequence;
        bool syn = tcp.Has(TcpFlags.Syn);
        bool fin = tcp.Has(TcpFlags.Fin);
        int segmentLength = payload.Length + (syn ? 1 : 0) + (fin ? 1 : 0);
        int window = _receiveBuffer.Free;

        if (State == TcpState.SynReceived && syn && !tcp.Has(TcpFlags.Ack) && seq == _irs)
        {
            // The peer resent its SYN: our SYN-ACK was lost, so resend it now rather than at our timeout.
            _sndNxt = _iss;
            return;
        }

        // RFC 9293 3.10.7.4, first: is the segment acceptable?
        bool acceptable;
        if (segmentLength == 0)
        {
            acceptable = window == 0 ? seq == _rcvNxt : seq >= _rcvNxt && seq < _rcvNxt + window;
        }
        else
        {
            TcpSeqNumber last = seq + (segmentLength - 1);
            acceptable = window != 0
                && ((seq >= _rcvNxt && seq < _rcvNxt + window) || (last >= _rcvNxt && last < _rcvNxt + window));
            // A zero window still takes the ACK, window and RST of an in-order segment (RFC 9293 3.10.7.4).
            if (!acceptable && window == 0 && seq == _rcvNxt)
            {
                acceptable = true;
                _ackNow = true;
                payload = default;
                fin = false;
                syn = false;
            }
        }
        if (!acceptable)
        {
            if (!tcp.Has(TcpFlags.Rst))
            {
                _ackNow = true;
            }
            _interface.Drops.Increment(DropReason.TcpUnacceptable);
            return;
        }

        // Second: RST, accepted only at exactly RCV.NXT; otherwise a challenge ACK (RFC 5961 3.2).
        if (tcp.Has(TcpFlags.Rst))
        {
            if (seq != _rcvNxt)
            {
                _ackNow = true;
                return;
            }
            if (State == TcpState.SynReceived && _passiveOpen)
            {
                ushort port = LocalEndpoint.Port;
                ResetConnection();
                LocalEndpoint = new Ipv4Endpoint(Ipv4Address.Any, port);
                RemoteEndpoint = default;
                State = TcpState.Listen;
                return;
            }
            Error = State is TcpState.SynReceived ? TcpError.ConnectionRefused : TcpError.ConnectionReset;
            EnterClosed();
            return;
        }

        // Trim what was already received off the front.
        if (seq < _rcvNxt)
        {
            int duplicate = _rcvNxt - seq;
            if (syn)
            {
                syn = false;
                duplicate--;
            }
            if (duplicate >= payload.Length)
            {
                duplicate -= payload.Length;
                payload = default;
                if (duplicate > 0)
                {
                    fin = false; // the FIN too was old
                }
            }
            else
            {
                payload = payload[duplicate..];
            }
            seq = _rcvNxt;
        }

        // Fourth: a SYN in a synchronized state gets a challenge ACK (RFC 5961 4.2).
        if (syn)
        {
            _ackNow = true;
            return;
        }

        // Fifth: the ACK field.
        if (!tcp.Has(TcpFlags.Ack))
        {
            return;
        }
        if (State == TcpState.SynReceived)
        {
            if (tcp.Acknowledgment <= _sndUna || tcp.Acknowledgment > _sndMax)
            {
                SendControl(tcp.Acknowledgment, TcpFlags.Rst);
                return;
            }
            State = _finQueued ? TcpState.FinWait1 : TcpState.Established;
            _sndWnd = (long)tcp.Window << _sendShift;
            _maxSndWnd = Math.Max(_maxSndWnd, _sndWnd);
            _sndWl1 = seq;
            _sndWl2 = tcp.Acknowledgment;
        }
        if (!ProcessAck(tcp, seq, payload.Length, fin, now))
        {
            return;
        }
        if (State == TcpState.Closed)
        {
            return;
        }

        // Seventh: segment text.
        if (!payload.IsEmpty && CanReceiveData)
        {
            int offset = seq - _rcvNxt;
            int room = _receiveBuffer.Free - offset;
            if (payload.Length > room)
            {
                payload = payload[..Math.Max(room, 0)];
                fin = false;
            }
            if (!payload.IsEmpty && offset == 0 && _reassembler.IsEmpty)
            {
                // The common case, in order with no holes: straight into the readable data.
                _receiveBuffer.WriteAt(_receiveBuffer.Count, payload);
                _receiveBuffer.Commit(payload.Length);
                _rcvNxt += payload.Length;
                if ((_unackedSegments += FullSizedSegments(payload.Length)) >= 2)
                {
                    _ackNow = true;
                }
                else
                {
                    _delayedAckDeadline ??= now + _options.DelayedAckTimeout;
                }
            }
            else if (!payload.IsEmpty)
            {
                if (!_reassembler.Add(offset, offset + payload.Length))
                {
                    _interface.Drops.Increment(DropReason.TcpReassemblyFull);
                    _ackNow = true;
                    return;
                }
                _receiveBuffer.WriteAt(_receiveBuffer.Count + offset, payload);
                bool hadHoles = _reassembler.RangeCount > 1 || offset > 0;
                int contiguous = _reassembler.TakeContiguous();
                if (contiguous > 0)
                {
                    _receiveBuffer.Commit(contiguous);
                    _rcvNxt += contiguous;
                }
                if (offset > 0 || hadHoles)
                {
                    // Out of order, or filling a hole: ACK this very segment (RFC 5681 4.2), not once
                    // per poll, so the sender counts one duplicate per segment past the hole.
                    SendControl(_sndMax, TcpFlags.Ack);
                }
                else if ((_unackedSegments += FullSizedSegments(payload.Length)) >= 2)
                {
                    _ackNow = true;
                }
                else
                {
                    _delayedAckDeadline ??= now + _options.DelayedAckTimeout;
                }
            }
        }

        // Eighth: FIN, once everything before it has arrived.
        if (fin && seq + payload.Length == _rcvNxt && !_finReceived)
        {
            _rcvNxt += 1;
            _finReceived = true;
            _ackNow = true;
            switch (State)
            {
                case TcpState.SynReceived:
                case TcpState.Established:
                    State = TcpState.CloseWait;
                    break;
                case TcpState.FinWait1:
                    State = TcpState.Closing;
                    break;
                case TcpState.FinWait2:
                    EnterTimeWait(now);
                    break;
            }
        }
        else if (fin && State == TcpState.TimeWait)
        {
            // A retransmitted FIN: ACK it again and restart 2 MSL (RFC 9293 3.10.7.4).
            _ackNow = true;
            EnterTimeWait(now);
        }
    }

    /// <summary>
    /// How many segments of the MSS we announce a payload counts as for delayed ACKs (at least one): a
    /// device that coalesces received segments (GUEST_TSO4) hands over up to 64 KiB at once, and
    /// RFC 9293 3.8.6.3 wants an ACK for at least every second full-sized segment.
    /// </summary>
    private int FullSizedSegments(int payloadLength)
    {
        int mss = Math.Max(_interface.Mtu - Ipv4Header.MinimumLength - TcpHeader.MinimumLength, 1);
        return Math.Max(1, (payloadLength + mss - 1) / mss);
    }

    /// <returns>false when the segment must be dropped after the ACK check.</returns>
    private bool ProcessAck(in TcpHeader tcp, TcpSeqNumber seq, int payloadLength, bool fin, TimeSpan now)
    {
        TcpSeqNumber ack = tcp.Acknowledgment;
        if (ack > _sndMax)
        {
            // Acknowledges something not yet sent.
            _ackNow = true;
            return false;
        }
        long window = (long)tcp.Window << _sendShift;
        if (ack >= _sndUna)
        {
            bool windowChanged = window != _sndWnd;
            if (_sndWl1 < seq || (_sndWl1 == seq && _sndWl2 <= ack))
            {
                _sndWnd = window;
                _maxSndWnd = Math.Max(_maxSndWnd, window);
                _sndWl1 = seq;
                _sndWl2 = ack;
                if (window > 0)
                {
                    _probeZeroWindow = false;
                }
            }
            if (ack > _sndUna)
            {
                OnNewAck(ack, now);
            }
            else if (payloadLength == 0 && !fin && !windowChanged && FlightSize > 0)
            {
                OnDuplicateAck();
            }
        }

        TcpSeqNumber finSeq = DataEnd;
        bool finAcked = _finQueued && _sndUna > finSeq;
        switch (State)
        {
            case TcpState.FinWait1 when finAcked:
                State = TcpState.FinWait2;
                break;
            case TcpState.Closing when finAcked:
                EnterTimeWait(now);
                break;
            case TcpState.LastAck when finAcked:
                EnterClosed();
                return true;
        }
        return true;
    }

    private void OnNewAck(TcpSeqNumber ack, TimeSpan now)
    {
        int acked = ack - _sndUna;
        int dataAcked = Math.Clamp(ack - _dataStart, 0, _sendBuffer.Count);
        _sendBuffer.Consume(dataAcked);
        _dataStart += dataAcked;
        SampleRtt(ack, now);
        _sndUna = ack;
        if (_sndNxt < _sndUna)
        {
            _sndNxt = _sndUna;
        }
        _retransmissions = 0;

        if (_inRecovery)
        {
            if (ack >= _recover)
            {
                // Full acknowledgment: leave fast recovery (RFC 6582 3.2 step 3).
                _cwnd = Math.Min(_ssthresh, Math.Max(FlightSize, _mss) + _mss);
                _inRecovery = false;
                _duplicateAcks = 0;
            }
            else
            {
                // Partial acknowledgment: the next hole is lost too; resend it and deflate.
                _retransmitFirst = true;
                _cwnd = Math.Max(_cwnd - acked + _mss, _mss);
            }
        }
        else
        {
            _duplicateAcks = 0;
            if (_cwnd < _ssthresh)
            {
                _cwnd += Math.Min(acked, _mss);
            }
            else
            {
                _cwnd += Math.Max(1, (long)_mss * _mss / _cwnd);
            }
        }
        _retransmitDeadline = FlightSize > 0 ? now + _rtt.Rto : null;
    }

    private void OnDuplicateAck()
    {
        _duplicateAcks++;
        if (_inRecovery)
        {
            _cwnd += _mss;
        }
        else if (_duplicateAcks == 3 && _sndUna - _recover >= 0)
        {
            // Fast retransmit (RFC 5681 3.2) and NewReno's guard against re-entering for the same loss.
            _ssthresh = Math.Max(FlightSize / 2, 2 * _mss);
            _cwnd = _ssthresh + 3 * _mss;
            _recover = _sndMax;
            _inRecovery = true;
            _retransmitFirst = true;
        }
    }

    private void SampleRtt(TcpSeqNumber ack, TimeSpan now)
    {
        if (_timing && ack >= _timedSeq)
        {
            _rtt.AddSample(now - _timedAt);
            _timing = false;
        }
    }

    private void EnterTimeWait(TimeSpan now)
    {
        State = TcpState.TimeWait;
        _retransmitDeadline = null;
        _delayedAckDeadline = null;
        _timeWaitDeadline = now + _options.TimeWaitDuration;
    }

    internal void Dispatch(TimeSpan now)
    {
        switch (State)
        {
            case TcpState.Closed:
            case TcpState.Listen:
                return;
            case TcpState.TimeWait when _timeWaitDeadline <= now:
                EnterClosed();
                return;
        }
        if (_retransmitDeadline is TimeSpan deadline && deadline <= now)
        {
            OnRetransmitTimeout(now);
            if (State == TcpState.Closed)
            {
                return;
            }
        }
        if (_delayedAckDeadline is TimeSpan ackDeadline && ackDeadline <= now)
        {
            _ackNow = true;
        }

        if (State is TcpState.SynSent or TcpState.SynReceived)
        {
            if (_sndNxt == _iss)
            {
                SendSyn(now);
            }
            else if (_ackNow && State == TcpState.SynReceived)
            {
                SendControl(_sndMax, TcpFlags.Ack);
            }
            return;
        }

        if (_retransmitFirst)
        {
            _retransmitFirst = false;
            int length = Math.Min(_mss, DataEnd - _sndUna);
            bool withFin = _finQueued && _sndUna + length == DataEnd && _sndMax > DataEnd;
            if (length > 0 || withFin)
            {
                if (!SendSegment(_sndUna, Math.Max(length, 0), withFin, now))
                {
                    _retransmitFirst = true;
                }
                else
                {
                    RetransmittedSegments++;
                    _timing = false;
                }
            }
        }

        SendData(now);

        if (_ackNow)
        {
            SendControl(_sndMax, TcpFlags.Ack);
        }
        if (_retransmitDeadline is null && _sndWnd == 0 && DataEnd - _sndNxt > 0 && State is TcpState.Established or TcpState.CloseWait or TcpState.FinWait1 or TcpState.LastAck)
        {
            // The persist timer: probe a zero window so a lost window update cannot deadlock us.
            _retransmitDeadline = now + _rtt.Rto;
        }
    }

    private void SendData(TimeSpan now)
    {
        if (State is not (TcpState.Established or TcpState.CloseWait or TcpState.FinWait1 or TcpState.LastAck or TcpState.Closing))
        {
            return;
        }
        // The same for every segment of this round (the next hop's ARP entry does not change within a poll).
        int perSegment = _interface.TcpDataPerSegment(RemoteEndpoint.Address, _mss);
        while (true)
        {
            TcpSeqNumber dataEnd = DataEnd;
            int unsent = Math.Max(dataEnd - _sndNxt, 0);
            long windowEnd = Math.Min(_sndWnd, _cwnd);
            long usable = windowEnd - (_sndNxt - _sndUna);
            int length = (int)Math.Min(Math.Min(unsent, perSegment), Math.Max(usable, 0));
            if (_probeZeroWindow && _sndWnd == 0 && unsent > 0 && _sndNxt == _sndUna)
            {
                length = 1;
            }
            bool sendFin = _finQueued && _sndNxt + length == dataEnd && _sndMax - dataEnd <= 0 && _sndNxt - dataEnd <= 0;
            if (_finQueued && _sndNxt + length == dataEnd && _sndMax > dataEnd)
            {
                // FIN was sent before and we went back (timeout): send it again with the last data.
                sendFin = true;
            }
            if (length <= 0 && !sendFin)
            {
                return;
            }
            if (length > 0 && length < _mss && !sendFin)
            {
                bool allQueued = length == unsent;
                bool idle = _sndNxt == _sndUna;
                bool halfWindow = length >= _maxSndWnd / 2;
                // With nothing in flight no ACK will come to open the window further, so a
                // window-limited segment goes now (what the SWS override timer would do, early).
                bool windowLimitedAndIdle = idle && length == usable;
                // Nagle (RFC 9293 3.7.4) and sender-side silly window avoidance (3.8.6.2.1).
                if (!((allQueued && (idle || NoDelay)) || halfWindow || windowLimitedAndIdle || _probeZeroWindow))
                {
                    return;
                }
            }
            TcpSeqNumber seq = _sndNxt;
            bool isNew = seq >= _sndMax;
            if (!SendSegment(seq, length, sendFin, now))
            {
                return;
            }
            _probeZeroWindow = false;
            _sndNxt = seq + length + (sendFin ? 1 : 0);
            if (_sndNxt > _sndMax)
            {
                _sndMax = _sndNxt;
            }
            if (isNew && !_timing)
            {
                _timing = true;
                _timedSeq = _sndNxt;
                _timedAt = now;
            }
            else if (!isNew)
            {
                RetransmittedSegments++;
            }
            _retransmitDeadline ??= now + _rtt.Rto;
            if (sendFin || length == 1 && _sndWnd == 0)
            {
                return;
            }
        }
    }

    private void OnRetransmitTimeout(TimeSpan now)
    {
        _timing = false;
        if (_sndWnd == 0 && State is not (TcpState.SynSent or TcpState.SynReceived) && FlightSize <= 1)
        {
            // Persist timer: probe, back off, and never give up while the peer answers.
            _probeZeroWindow = true;
            _sndNxt = _sndUna;
            _rtt.Backoff();
            _retransmitDeadline = null;
            return;
        }
        if (++_retransmissions > _options.MaxRetransmissions)
        {
            Error = TcpError.TimedOut;
            EnterClosed();
            return;
        }
        if (State is TcpState.SynSent or TcpState.SynReceived)
        {
            _sndNxt = _iss;
        }
        else
        {
            // RFC 5681 3.1 (equation 4) and 5.1 of RFC 6298: collapse to one segment and go back.
            _ssthresh = Math.Max(FlightSize / 2, 2 * _mss);
            _cwnd = _mss;
            _inRecovery = false;
            _duplicateAcks = 0;
            _recover = _sndMax;
            _sndNxt = _sndUna;
        }
        _rtt.Backoff();
        _retransmitDeadline = null;
    }

    private void SendSyn(TimeSpan now)
    {
        int ourMss = _interface.Mtu - Ipv4Header.MinimumLength - TcpHeader.MinimumLength;
        var options = new TcpOptions { MaxSegmentSize = (ushort)Math.Min(ourMss, ushort.MaxValue) };
        // Offer scaling on an active open; on a passive one only echo a peer that offered it (RFC 7323 1.3).
        if (State == TcpState.SynSent || _peerOfferedWindowScale)
        {
            options.HasWindowScale = true;
            options.WindowScale = (byte)_receiveShift;
        }
        TcpFlags flags = State == TcpState.SynReceived ? TcpFlags.Syn | TcpFlags.Ack : TcpFlags.Syn;
        if (!Transmit(_iss, flags, options, 0, now))
        {
            return;
        }
        bool isNew = _sndMax == _iss;
        _sndNxt = _iss + 1;
        if (_sndMax < _sndNxt)
        {
            _sndMax = _sndNxt;
        }
        if (isNew)
        {
            _timing = true;
            _timedSeq = _sndNxt;
            _timedAt = now;
        }
        else
        {
            RetransmittedSegments++;
        }
        _retransmitDeadline ??= now + _rtt.Rto;
    }

    private bool SendSegment(TcpSeqNumber seq, int length, bool fin, TimeSpan now)
    {
        TcpFlags flags = TcpFlags.Ack;
        if (fin)
        {
            flags |= TcpFlags.Fin;
        }
        if (length > 0 && seq + length == DataEnd)
        {
            flags |= TcpFlags.Psh;
        }
        return Transmit(seq, flags, TcpOptions.None, length, now);
    }

    /// <remarks>
    /// Bare ACKs and RSTs carry SND.MAX, not SND.NXT: after a timeout SND.NXT goes back to
    /// SND.UNA while the peer may already hold everything up to SND.MAX, and a zero-length segment
    /// below its RCV.NXT would be discarded as unacceptable, ACK field and all.
    /// </remarks>
    private void SendControl(TcpSeqNumber seq, TcpFlags flags) => Transmit(seq, flags, TcpOptions.None, 0, _interface.Now);

    /// <summary>Builds one segment straight into the device's frame: data copied once, checksummed once
    /// (or by the device, which may also cut a segment longer than the MSS into MSS-sized ones).</summary>
    private bool Transmit(TcpSeqNumber seq, TcpFlags flags, in TcpOptions options, int dataLength, TimeSpan now)
    {
        int headerLength = TcpHeader.LengthWith(options);
        IpTransmitStatus status = _interface.TryBeginIpv4(RemoteEndpoint.Address, IpProtocol.Tcp, headerLength + dataLength, out Span<byte> segment, out Ipv4Address source);
        if (status != IpTransmitStatus.Ok)
        {
            return false;
        }
        if (dataLength > 0)
        {
            _sendBuffer.CopyTo(seq - _dataStart, segment.Slice(headerLength, dataLength));
        }
        bool ack = (flags & TcpFlags.Ack) != 0;
        ushort window = AdvertisedWindow((flags & TcpFlags.Syn) != 0);
        TransmitOffload offload = _interface.TcpOffloadForPendingFrame(headerLength, dataLength, _mss);
        TcpHeader.Write(segment, LocalEndpoint.Port, RemoteEndpoint.Port, seq, ack ? _rcvNxt : default, flags, window, options, source, RemoteEndpoint.Address, checksumByDevice: !offload.IsNone);
        _interface.CommitIpv4(offload);
        if (ack)
        {
            _ackNow = false;
            _delayedAckDeadline = null;
            _unackedSegments = 0;
            _advertisedRightEdge = _rcvNxt + ((flags & TcpFlags.Syn) != 0 ? window : window << ReceiveShiftInEffect);
        }
        return true;
    }

    private int ReceiveShiftInEffect => _windowScaling ? _receiveShift : 0;

    private ushort AdvertisedWindow(bool syn)
    {
        long free = _receiveBuffer.Free;
        if (syn)
        {
            return (ushort)Math.Min(free, ushort.MaxValue);
        }
        return (ushort)Math.Min(free >> ReceiveShiftInEffect, ushort.MaxValue);
    }
}
