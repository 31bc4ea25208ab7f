using System.Net;
using System.Net.Sockets;
using Minnow.Rpc.Transport;
using Minnow.Rpc.Xdr;

namespace Minnow.Rpc.Server;

/// <summary>
/// The TCP side of an <see cref="RpcServer"/>: accepts connections and serves each one's records
/// in order, one call at a time (as libtirpc's servers do), replying in a record per call.
/// </summary>
internal sealed class TcpServerTransport
{
    private readonly Socket _listener;
    private readonly RpcCallProcessor _processor;
    private readonly RpcServerOptions _options;
    private readonly CancellationToken _stopping;
    private readonly List<Socket> _connections = [];
    private readonly Task _acceptLoop;

    public TcpServerTransport(IPEndPoint endPoint, RpcCallProcessor processor, RpcServerOptions options, CancellationToken stopping)
    {
        _processor = processor;
        _options = options;
        _stopping = stopping;
        _listener = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(endPoint);
        _listener.Listen(64);
        LocalEndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        _acceptLoop = AcceptLoopAsync();
    }

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Connections open now.</summary>
    public int ConnectionCount
    {
        get
        {
            lock (_connections)
            {
                return _connections.Count;
            }
        }
    }

    public async Task StopAsync()
    {
        _listener.Dispose();
        lock (_connections)
        {
            foreach (Socket connection in _connections)
            {
                connection.Dispose();
            }
        }
        await _acceptLoop.ConfigureAwait(false);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptAsync(_stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }
            connection.NoDelay = true;
            lock (_connections)
            {
                _connections.Add(connection);
            }
            _ = ServeAsync(connection);
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        EndPoint? remote = connection.RemoteEndPoint;
        await using var stream = new NetworkStream(connection, ownsSocket: true);
        var reader = new RecordReader(stream, _options.MaxRecordSize);
        var reply = new XdrWriter();
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                RecordReadResult record = await reader.ReadAsync(_stopping).ConfigureAwait(false);
                if (record.Status != RecordReadStatus.Record)
                {
                    return;
                }
                try
                {
                    reply.Reset();
                    reply.WriteUInt32(0); // the record mark, filled in by RecordWriter
                    if (!await _processor.ProcessAsync(record.Buffer.AsMemory(0, record.Length), RpcTransportKind.Tcp, remote, reply, _stopping).ConfigureAwait(false))
                    {
                        continue;
                    }
                }
                finally
                {
                    record.ReturnBuffer();
                }
                await RecordWriter.WriteAsync(stream, reply, _options.MaxFragmentSize, _stopping).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away or the server is stopping: this connection is done.
        }
        finally
        {
            lock (_connections)
            {
                _connections.Remove(connection);
            }
        }
    }
}
