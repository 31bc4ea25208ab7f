using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Minnow.Rpc.Xdr;

namespace Minnow.Rpc.Client;

/// <summary>
/// An RPC client over UDP: one datagram per call, resent with the same xid (so a server's duplicate
/// cache can recognise it) at intervals that double from <see cref="RpcClientOptions.InitialRetransmitInterval"/>
/// up to <see cref="RpcClientOptions.MaxRetransmitInterval"/>, until a reply comes or the call times out.
/// An ICMP port-unreachable from a vanished server fails outstanding calls at once.
/// </summary>
public sealed class RpcUdpClient : IRpcClient
{
    /// <summary>The largest UDP payload over IPv4.</summary>
    public const int MaxDatagramSize = 65507;

    private readonly Socket _socket;
    private readonly ConcurrentDictionary<uint, PendingCall> _pending = new();
    private readonly CancellationTokenSource _closing = new();
    private int _nextXid = Random.Shared.Next();
    private int _transmissions;

    public RpcUdpClient(EndPoint remoteEndPoint, RpcClientOptions? options = null)
    {
        RemoteEndPoint = remoteEndPoint;
        Options = options ?? RpcClientOptions.Default;
        _socket = new Socket(remoteEndPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        // Connecting filters datagrams from other peers and lets ICMP errors reach us.
        _socket.Connect(remoteEndPoint);
        _ = ReceiveLoopAsync();
    }

    public EndPoint RemoteEndPoint { get; }

    public RpcClientOptions Options { get; }

    /// <summary>Datagrams sent so far, retransmissions included.</summary>
    public int TransmissionCount => Volatile.Read(ref _transmissions);

    public async ValueTask<RpcResult<TResult>> CallAsync<TArguments, TResult>(
        RpcProcedure procedure,
        TArguments arguments,
        XdrEncode<TArguments> encodeArguments,
        XdrDecode<TResult> decodeResult,
        RpcCallOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        if (_closing.IsCancellationRequested)
        {
            return new RpcError(RpcErrorKind.Disposed, $"{procedure}: the client is disposed");
        }
        uint xid = unchecked((uint)Interlocked.Increment(ref _nextXid));
        var message = new XdrWriter();
        if (RpcCallCodec.EncodeCall(message, xid, procedure, options?.Credential ?? Options.Credential, arguments, encodeArguments) is { } encodeError)
        {
            return encodeError;
        }
        if (message.Length > MaxDatagramSize)
        {
            return new RpcError(RpcErrorKind.MessageTooLarge, $"{procedure}: a call of {message.Length} bytes does not fit in a UDP datagram");
        }

        var call = new PendingCall();
        _pending[xid] = call;
        try
        {
            PendingReply reply = await TransmitUntilAnsweredAsync(call, message.WrittenMemory, procedure, options?.Timeout ?? Options.DefaultTimeout, cancellationToken).ConfigureAwait(false);
            if (reply.Error is not null)
            {
                return reply.Error;
            }
            return RpcCallCodec.DecodeReply(reply.Span, procedure, decodeResult, Options.Limits);
        }
        finally
        {
            _pending.TryRemove(xid, out _);
        }
    }

    public ValueTask DisposeAsync()
    {
        _closing.Cancel();
        _socket.Dispose();
        FailAll(new RpcError(RpcErrorKind.Disposed, "the client was disposed"));
        return ValueTask.CompletedTask;
    }

    private async ValueTask<PendingReply> TransmitUntilAnsweredAsync(PendingCall call, ReadOnlyMemory<byte> message, RpcProcedure procedure, TimeSpan timeout, CancellationToken cancellationToken)
    {
        bool infinite = timeout == Timeout.InfiniteTimeSpan;
        TimeProvider time = Options.Time;
        long start = time.GetTimestamp();
        TimeSpan interval = Options.InitialRetransmitInterval;
        while (true)
        {
            if (await SendAsync(message, procedure, cancellationToken).ConfigureAwait(false) is { } sendError)
            {
                return PendingReply.Failed(sendError);
            }
            TimeSpan wait = interval;
            if (!infinite)
            {
                TimeSpan left = timeout - time.GetElapsedTime(start);
                if (left <= TimeSpan.Zero)
                {
                    return PendingReply.Failed(new RpcError(RpcErrorKind.Timeout, $"{procedure}: no reply within {timeout.TotalSeconds:0.###} s"));
                }
                wait = left < interval ? left : interval;
            }
            Task delay = Task.Delay(wait, time, cancellationToken);
            if (await Task.WhenAny(call.Task, delay).ConfigureAwait(false) == call.Task)
            {
                return call.Task.Result;
            }
            if (cancellationToken.IsCancellationRequested)
            {
                return PendingReply.Failed(new RpcError(RpcErrorKind.Cancelled, $"{procedure}: cancelled"));
            }
            if (!infinite && time.GetElapsedTime(start) >= timeout)
            {
                return PendingReply.Failed(new RpcError(RpcErrorKind.Timeout, $"{procedure}: no reply within {timeout.TotalSeconds:0.###} s"));
            }
            interval = interval * 2 < Options.MaxRetransmitInterval ? interval * 2 : Options.MaxRetransmitInterval;
        }
    }

    private async ValueTask<RpcError?> SendAsync(ReadOnlyMemory<byte> message, RpcProcedure procedure, CancellationToken cancellationToken)
    {
        try
        {
            Interlocked.Increment(ref _transmissions);
            await _socket.SendAsync(message, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (SocketException e)
        {
            return new RpcError(RpcErrorKind.ConnectionFailed, $"{procedure}: sending to {RemoteEndPoint} failed: {e.Message}") { SocketError = e.SocketErrorCode };
        }
        catch (OperationCanceledException)
        {
            return new RpcError(RpcErrorKind.Cancelled, $"{procedure}: cancelled");
        }
        catch (ObjectDisposedException)
        {
            return new RpcError(RpcErrorKind.Disposed, $"{procedure}: the client is disposed");
        }
    }

    private async Task ReceiveLoopAsync()
    {
        byte[] buffer = new byte[MaxDatagramSize + 1];
        while (!_closing.IsCancellationRequested)
        {
            int length;
            try
            {
                length = await _socket.ReceiveAsync(buffer, SocketFlags.None, _closing.Token).ConfigureAwait(false);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset or SocketError.HostUnreachable or SocketError.NetworkUnreachable)
            {
                // An ICMP error: nobody listens there (any more), so waiting out retransmissions is pointless.
                FailAll(new RpcError(RpcErrorKind.ConnectionFailed, $"{RemoteEndPoint} is not reachable: {e.Message}") { SocketError = e.SocketErrorCode });
                continue;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                FailAll(new RpcError(RpcErrorKind.Disposed, "the client's socket was closed"));
                return;
            }
            if (RpcCallCodec.TryGetReplyXid(buffer.AsSpan(0, length), out uint xid) && _pending.TryRemove(xid, out PendingCall? call))
            {
                call.TrySetResult(PendingReply.Received(buffer.AsSpan(0, length).ToArray(), length, pooled: false));
            }
        }
    }

    private void FailAll(RpcError error)
    {
        foreach (uint xid in _pending.Keys)
        {
            if (_pending.TryRemove(xid, out PendingCall? call))
            {
                call.TrySetResult(PendingReply.Failed(error));
            }
        }
    }
}
