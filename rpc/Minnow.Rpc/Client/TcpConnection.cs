using System.Collections.Concurrent;
using System.Net.Sockets;
using Minnow.Rpc.Transport;
using Minnow.Rpc.Xdr;

namespace Minnow.Rpc.Client;

/// <summary>
/// One TCP connection of an <see cref="RpcTcpClient"/>: a receive loop that routes reply records to
/// pending calls by xid, and a lock that keeps records from interleaving on the way out. When the
/// connection ends, every pending call fails with the reason, so nothing waits on a dead socket.
/// </summary>
internal sealed class TcpConnection
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly RecordReader _reader;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<uint, PendingCall> _pending = new();
    private readonly CancellationTokenSource _closing = new();
    private volatile RpcError? _closeReason;

    public TcpConnection(Socket socket, int maxRecordSize)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = new RecordReader(_stream, maxRecordSize);
        _ = ReceiveLoopAsync();
    }

    public bool IsClosed => _closeReason is not null;

    public PendingCall Register(uint xid)
    {
        var call = new PendingCall();
        _pending[xid] = call;
        // Close sets the reason before it drains the table: either it sees this call or we see the reason.
        if (_closeReason is { } reason && _pending.TryRemove(xid, out _))
        {
            call.TrySetResult(PendingReply.Failed(reason));
        }
        return call;
    }

    public void Unregister(uint xid) => _pending.TryRemove(xid, out _);

    public async ValueTask<RpcError?> SendAsync(XdrWriter record, int maxFragmentSize, RpcProcedure procedure, CancellationToken cancellationToken)
    {
        bool locked = false;
        try
        {
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            locked = true;
            if (_closeReason is { } reason)
            {
                return reason;
            }
            await RecordWriter.WriteAsync(_stream, record, maxFragmentSize, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A record cut off half-way would desynchronise the stream for everybody else.
            if (locked)
            {
                Close(new RpcError(RpcErrorKind.ConnectionLost, "the connection was closed because a call was cancelled while sending"));
            }
            return new RpcError(RpcErrorKind.Cancelled, $"{procedure}: cancelled while sending");
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            var error = new RpcError(RpcErrorKind.ConnectionLost, $"{procedure}: sending failed: {e.Message}")
            {
                SocketError = (e as SocketException ?? e.InnerException as SocketException)?.SocketErrorCode,
            };
            Close(error);
            return error;
        }
        finally
        {
            if (locked)
            {
                _writeLock.Release();
            }
        }
    }

    public void Close(RpcError reason)
    {
        if (Interlocked.CompareExchange(ref _closeReason, reason, null) is not null)
        {
            return;
        }
        _closing.Cancel();
        _stream.Dispose();
        foreach (uint xid in _pending.Keys)
        {
            if (_pending.TryRemove(xid, out PendingCall? call))
            {
                call.TrySetResult(PendingReply.Failed(reason));
            }
        }
    }

    private async Task ReceiveLoopAsync()
    {
        while (true)
        {
            RecordReadResult result = await _reader.ReadAsync(_closing.Token).ConfigureAwait(false);
            if (result.Status != RecordReadStatus.Record)
            {
                Close(new RpcError(RpcErrorKind.ConnectionLost, $"connection to the server lost: {result.Detail}") { SocketError = result.SocketError });
                return;
            }
            if (!RpcCallCodec.TryGetReplyXid(result.Span, out uint xid)
                || !_pending.TryRemove(xid, out PendingCall? call)
                || !call.TrySetResult(PendingReply.Received(result.Buffer!, result.Length, pooled: true)))
            {
                // Not a reply, or the reply to a call that already gave up.
                result.ReturnBuffer();
            }
        }
    }
}
