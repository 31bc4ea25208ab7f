using System.Net;
using System.Net.Sockets;
using Minnow.Rpc.Transport;
using Minnow.Rpc.Xdr;

namespace Minnow.Rpc.Client;

/// <summary>
/// An RPC client over TCP with RFC 5531 record marking. Calls may run concurrently on one
/// connection (replies are matched by xid). The connection is made on the first call and made
/// again on the next call after it drops; calls outstanding when it drops fail with
/// <see cref="RpcErrorKind.ConnectionLost"/> rather than being resent, since they may have run.
/// </summary>
public sealed class RpcTcpClient : IRpcClient
{
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private volatile TcpConnection? _connection;
    private int _nextXid = Random.Shared.Next();
    private int _connectionCount;
    private volatile bool _disposed;

    public RpcTcpClient(EndPoint remoteEndPoint, RpcClientOptions? options = null)
    {
        RemoteEndPoint = remoteEndPoint;
        Options = options ?? RpcClientOptions.Default;
    }

    public EndPoint RemoteEndPoint { get; }

    public RpcClientOptions Options { get; }

    /// <summary>How many connections this client has opened (the first one and every reconnect).</summary>
    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    /// <summary>Connects now rather than on the first call; null when connected.</summary>
    public async ValueTask<RpcError?> ConnectAsync(CancellationToken cancellationToken = default)
    {
        (_, RpcError? error) = await GetConnectionAsync(cancellationToken).ConfigureAwait(false);
        return error;
    }

    public async ValueTask<RpcResult<TResult>> CallAsync<TArguments, TResult>(
        RpcProcedure procedure,
        TArguments arguments,
        XdrEncode<TArguments> encodeArguments,
        XdrDecode<TResult> decodeResult,
        RpcCallOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        if (_disposed)
        {
            return new RpcError(RpcErrorKind.Disposed, $"{procedure}: the client is disposed");
        }
        uint xid = unchecked((uint)Interlocked.Increment(ref _nextXid));
        var record = new XdrWriter();
        record.WriteUInt32(0); // the record mark, filled in by RecordWriter
        if (RpcCallCodec.EncodeCall(record, xid, procedure, options?.Credential ?? Options.Credential, arguments, encodeArguments) is { } encodeError)
        {
            return encodeError;
        }

        (TcpConnection? connection, RpcError? connectError) = await GetConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (connectError is not null)
        {
            return connectError;
        }
        PendingCall call = connection!.Register(xid);
        if (await connection.SendAsync(record, Options.MaxFragmentSize, procedure, cancellationToken).ConfigureAwait(false) is { } sendError)
        {
            connection.Unregister(xid);
            return sendError;
        }
        PendingReply reply = await call.WaitAsync(options?.Timeout ?? Options.DefaultTimeout, procedure, cancellationToken).ConfigureAwait(false);
        connection.Unregister(xid);
        if (reply.Error is not null)
        {
            return reply.Error;
        }
        try
        {
            return RpcCallCodec.DecodeReply(reply.Span, procedure, decodeResult, Options.Limits);
        }
        finally
        {
            reply.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        await _connectLock.WaitAsync().ConfigureAwait(false);
        try
        {
            _connection?.Close(new RpcError(RpcErrorKind.Disposed, "the client was disposed"));
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private async ValueTask<(TcpConnection?, RpcError?)> GetConnectionAsync(CancellationToken cancellationToken)
    {
        if (_connection is { IsClosed: false } current)
        {
            return (current, null);
        }
        try
        {
            await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return (null, new RpcError(RpcErrorKind.Cancelled, "cancelled while waiting to connect"));
        }
        try
        {
            if (_disposed)
            {
                return (null, new RpcError(RpcErrorKind.Disposed, "the client is disposed"));
            }
            if (_connection is { IsClosed: false } other)
            {
                return (other, null);
            }
            (Socket? socket, RpcError? error) = await ConnectSocketAsync(cancellationToken).ConfigureAwait(false);
            if (socket is null)
            {
                return (null, error);
            }
            _connection = new TcpConnection(socket, Options.MaxRecordSize);
            Interlocked.Increment(ref _connectionCount);
            return (_connection, null);
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private async ValueTask<(Socket?, RpcError?)> ConnectSocketAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(RemoteEndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(Options.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(RemoteEndPoint, timer.Token).ConfigureAwait(false);
            socket.NoDelay = Options.NoDelay;
            ConfigureKeepAlive(socket);
            return (socket, null);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            return (null, new RpcError(RpcErrorKind.ConnectionFailed, $"cannot connect to {RemoteEndPoint}: {e.Message}") { SocketError = e.SocketErrorCode });
        }
        catch (OperationCanceledException)
        {
            socket.Dispose();
            return cancellationToken.IsCancellationRequested
                ? (null, new RpcError(RpcErrorKind.Cancelled, $"cancelled while connecting to {RemoteEndPoint}"))
                : (null, new RpcError(RpcErrorKind.ConnectionFailed, $"cannot connect to {RemoteEndPoint}: no answer within {Options.ConnectTimeout.TotalSeconds:0.###} s") { SocketError = SocketError.TimedOut });
        }
    }

    private void ConfigureKeepAlive(Socket socket)
    {
        if (Options.KeepAliveTime is not { } idle)
        {
            return;
        }
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, Math.Max(1, (int)idle.TotalSeconds));
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, Math.Max(1, (int)idle.TotalSeconds / 3));
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 3);
        }
        catch (SocketException)
        {
            // Keepalive only speeds up noticing a vanished host; a stack without it still works.
        }
    }
}
