using System.Net;
using System.Net.Sockets;
using Minnow.Rpc.Messages;
using Minnow.Rpc.Transport;
using Minnow.Rpc.Xdr;

namespace Rpc.Tests.Support;

/// <summary>A scripted TCP peer: it decodes each call header and sends back whatever bytes the test makes of it.</summary>
public sealed class FakeTcpServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly Task _loop;

    private FakeTcpServer(Func<RpcCallHeader, byte[]> answer)
    {
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(Loopback.AnyPort);
        _listener.Listen();
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        _loop = ServeAsync(answer);
    }

    public IPEndPoint EndPoint { get; }

    public static Task<FakeTcpServer> StartAsync(Func<RpcCallHeader, byte[]> answer) => Task.FromResult(new FakeTcpServer(answer));

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        await _loop;
    }

    private async Task ServeAsync(Func<RpcCallHeader, byte[]> answer)
    {
        try
        {
            using Socket connection = await _listener.AcceptAsync();
            await using var stream = new NetworkStream(connection);
            var reader = new RecordReader(stream, 1 << 20);
            while (true)
            {
                RecordReadResult record = await reader.ReadAsync(default);
                if (record.Status != RecordReadStatus.Record)
                {
                    return;
                }
                RpcCallHeader call = Decode(record.Span);
                record.ReturnBuffer();
                var reply = new XdrWriter();
                reply.WriteUInt32(0);
                reply.WriteRaw(answer(call));
                await RecordWriter.WriteAsync(stream, reply, 1 << 20, default);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
        }
    }

    private static RpcCallHeader Decode(ReadOnlySpan<byte> message)
    {
        var reader = new XdrReader(message);
        RpcMessagePrefix.TryDecode(ref reader, out RpcMessagePrefix prefix);
        return RpcCallHeader.DecodeBody(prefix.Xid, ref reader);
    }
}
