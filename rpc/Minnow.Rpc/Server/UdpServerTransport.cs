using System.Net;
using System.Net.Sockets;
using Minnow.Rpc.Client;
using Minnow.Rpc.Xdr;

namespace Minnow.Rpc.Server;

/// <summary>The UDP side of an <see cref="RpcServer"/>: one datagram per call, the reply to its sender.</summary>
internal sealed class UdpServerTransport
{
    private readonly Socket _socket;
    private readonly RpcCallProcessor _processor;
    private readonly CancellationToken _stopping;
    private readonly Task _receiveLoop;

    public UdpServerTransport(IPEndPoint endPoint, RpcCallProcessor processor, CancellationToken stopping)
    {
        _processor = processor;
        _stopping = stopping;
        _socket = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(endPoint);
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _receiveLoop = ReceiveLoopAsync();
    }

    public IPEndPoint LocalEndPoint { get; }

    public async Task StopAsync()
    {
        _socket.Dispose();
        await _receiveLoop.ConfigureAwait(false);
    }

    private async Task ReceiveLoopAsync()
    {
        byte[] buffer = new byte[RpcUdpClient.MaxDatagramSize + 1];
        var reply = new XdrWriter();
        EndPoint any = new IPEndPoint(LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stopping.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stopping).ConfigureAwait(false);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionRefused)
            {
                continue; // an ICMP error about an earlier reply's destination
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }
            reply.Reset();
            ReadOnlyMemory<byte> message = buffer.AsMemory(0, received.ReceivedBytes);
            if (!await _processor.ProcessAsync(message, RpcTransportKind.Udp, received.RemoteEndPoint, reply, _stopping).ConfigureAwait(false))
            {
                continue;
            }
            if (reply.Length > RpcUdpClient.MaxDatagramSize)
            {
                RpcCallProcessor.ReplaceWithSystemError(message.Span, reply, 0);
            }
            try
            {
                await _socket.SendToAsync(reply.WrittenMemory, SocketFlags.None, received.RemoteEndPoint, _stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // UDP is best effort: the client retransmits.
            }
        }
    }
}
