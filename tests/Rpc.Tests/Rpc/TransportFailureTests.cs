using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Minnow.Rpc;
using Minnow.Rpc.Client;
using Minnow.Rpc.Messages;
using Minnow.Rpc.Server;
using Minnow.Rpc.Xdr;
using Rpc.Tests.Support;

namespace Rpc.Tests.Rpc;

/// <summary>Servers that vanish, drop connections, stay silent or answer nonsense: each ends a call with a clear error, never a hang.</summary>
public class TransportFailureTests
{
    private static readonly RpcProcedure s_null = TestProgram.Procedure(0);

    private static ValueTask<RpcResult<RpcVoid>> Ping(IRpcClient client, RpcCallOptions? options = null)
        => client.CallAsync(s_null, default(RpcVoid), RpcVoid.Encode, RpcVoid.Decode, options);

    [Fact]
    public async Task NoServerIsConnectionFailed()
    {
        await using var client = new RpcTcpClient(Loopback.UnusedTcpPort());
        RpcResult<RpcVoid> result = await Ping(client, RpcCallOptions.Infinite);
        Assert.Equal(RpcErrorKind.ConnectionFailed, result.Error?.Kind);
        Assert.Equal(SocketError.ConnectionRefused, result.Error!.SocketError);
    }

    [Fact]
    public async Task NoUdpServerIsConnectionFailedNotEndlessRetransmission()
    {
        await using var client = new RpcUdpClient(Loopback.UnusedUdpPort());
        var stopwatch = Stopwatch.StartNew();
        RpcResult<RpcVoid> result = await Ping(client, RpcCallOptions.Infinite);
        Assert.Equal(RpcErrorKind.ConnectionFailed, result.Error?.Kind);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task AServerThatVanishesMidCallEndsEvenAnInfiniteCall()
    {
        var server = new RpcServer();
        server.Add(new TestProgram());
        server.StartTcp(Loopback.AnyPort);
        await using var client = new RpcTcpClient(server.TcpEndPoint!);
        Task<RpcResult<int>> blocked = client.CallAsync(TestProgram.Procedure(TestProgram.ProcedureSleep), 60_000, Codecs.Int, Codecs.ReadInt, RpcCallOptions.Infinite).AsTask();
        await Task.Delay(300);
        await server.DisposeAsync();
        Task finished = await Task.WhenAny(blocked, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.Same(blocked, finished);
        Assert.Equal(RpcErrorKind.ConnectionLost, (await blocked).Error?.Kind);
    }

    [Fact]
    public async Task TheClientReconnectsAfterTheConnectionDrops()
    {
        var first = new RpcServer();
        first.Add(new TestProgram());
        IPEndPoint endPoint = first.StartTcp(Loopback.AnyPort);
        await using var client = new RpcTcpClient(endPoint);
        Assert.True((await Ping(client)).IsSuccess);
        await first.DisposeAsync();

        // Nothing listens now: a clear error, and the client stays usable. Whether the client noticed
        // the close before this call (refused reconnect) or during it (lost) is a race.
        Assert.Contains((await Ping(client)).Error?.Kind, new RpcErrorKind?[] { RpcErrorKind.ConnectionFailed, RpcErrorKind.ConnectionLost });

        await using var second = new RpcServer();
        second.Add(new TestProgram());
        second.StartTcp(endPoint);
        Assert.True((await Ping(client)).IsSuccess);
        Assert.Equal(2, client.ConnectionCount);
    }

    [Fact]
    public async Task UdpRetransmitsTheSameXidWithGrowingIntervals()
    {
        using var fake = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        fake.Bind(Loopback.AnyPort);
        // Fake time: the intervals are checked exactly, whatever the machine's load.
        var time = new TimerCountingTimeProvider();
        await using var client = new RpcUdpClient(fake.LocalEndPoint!, new RpcClientOptions
        {
            InitialRetransmitInterval = TimeSpan.FromMilliseconds(100),
            MaxRetransmitInterval = TimeSpan.FromMilliseconds(300),
            Time = time,
        });
        Task<RpcResult<RpcVoid>> call = Ping(client, RpcCallOptions.WithTimeout(TimeSpan.FromSeconds(10))).AsTask();

        var xids = new List<uint>();
        byte[] buffer = new byte[1000];
        EndPoint sender = new IPEndPoint(IPAddress.Any, 0);
        async Task ReceiveTransmission()
        {
            Assert.True(fake.Poll(TimeSpan.FromSeconds(10), SelectMode.SelectRead), $"transmission {xids.Count + 1} did not come");
            SocketReceiveFromResult datagram = await fake.ReceiveFromAsync(buffer, SocketFlags.None, sender);
            xids.Add(BinaryPrimitives.ReadUInt32BigEndian(buffer));
            sender = datagram.RemoteEndPoint;
        }

        await ReceiveTransmission();
        // Doubling from 100 ms, capped at 300 ms.
        foreach (int interval in new[] { 100, 200, 300 })
        {
            // The client waits on a timer of the fake clock; move the clock only once it exists.
            Assert.True(time.WaitForTimers(xids.Count, TimeSpan.FromSeconds(10)), "the client set no retransmission timer");
            time.Advance(TimeSpan.FromMilliseconds(interval - 1));
            Assert.False(fake.Poll(TimeSpan.FromMilliseconds(100), SelectMode.SelectRead), $"retransmitted before {interval} ms");
            time.Advance(TimeSpan.FromMilliseconds(1));
            await ReceiveTransmission();
        }
        var reply = new XdrWriter();
        RpcReplyHeader.Accepted(xids[0], AcceptStatus.Success).Encode(reply);
        await fake.SendToAsync(reply.WrittenMemory, SocketFlags.None, sender);

        Assert.True((await call).IsSuccess);
        Assert.Single(xids.Distinct());
        Assert.Equal(4, client.TransmissionCount);
    }

    /// <summary>A fake clock that counts the timers created on it, so a test can wait for one.</summary>
    private sealed class TimerCountingTimeProvider : Microsoft.Extensions.Time.Testing.FakeTimeProvider
    {
        private int _timers;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Increment(ref _timers);
            return base.CreateTimer(callback, state, dueTime, period);
        }

        public bool WaitForTimers(int count, TimeSpan timeout) =>
            SpinWait.SpinUntil(() => Volatile.Read(ref _timers) >= count, timeout);
    }

    [Fact]
    public async Task AnRpcMismatchReplyIsATypedError()
    {
        await using var fake = await FakeTcpServer.StartAsync(call =>
        {
            var reply = new XdrWriter();
            RpcReplyHeader.RpcMismatch(call.Xid, 3, 4).Encode(reply);
            return reply.WrittenSpan.ToArray();
        });
        await using var client = new RpcTcpClient(fake.EndPoint);
        RpcResult<RpcVoid> result = await Ping(client);
        Assert.Equal(RpcErrorKind.RpcMismatch, result.Error?.Kind);
        Assert.Equal((3u, 4u), (result.Error!.LowestSupportedVersion!.Value, result.Error.HighestSupportedVersion!.Value));
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 0 })]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9 })]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    public async Task AnUndecodableReplyIsMalformedReply(byte[] tailAfterXidAndType)
    {
        await using var fake = await FakeTcpServer.StartAsync(call =>
        {
            var reply = new XdrWriter();
            reply.WriteUInt32(call.Xid);
            reply.WriteInt32((int)MessageType.Reply);
            reply.WriteRaw(tailAfterXidAndType);
            return reply.WrittenSpan.ToArray();
        });
        await using var client = new RpcTcpClient(fake.EndPoint);
        RpcResult<int> result = await client.CallAsync(s_null, default(RpcVoid), RpcVoid.Encode, Codecs.ReadInt);
        Assert.Equal(RpcErrorKind.MalformedReply, result.Error?.Kind);
    }

    [Fact]
    public async Task TheServerAnswersAForeignRpcVersionWithRpcMismatch()
    {
        await using var server = new RpcServer();
        server.Add(new TestProgram());
        server.StartUdp(Loopback.AnyPort);
        var call = new XdrWriter();
        new RpcCallHeader(99, TestProgram.Number, 1, 0, OpaqueAuth.None, OpaqueAuth.None, RpcVersion: 3).Encode(call);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(server.UdpEndPoint!);
        await socket.SendAsync(call.WrittenMemory);
        byte[] buffer = new byte[200];
        int length = await socket.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(TimeSpan.FromSeconds(5));
        var reader = new XdrReader(buffer.AsSpan(0, length));
        Assert.True(RpcMessagePrefix.TryDecode(ref reader, out RpcMessagePrefix prefix));
        RpcReplyHeader reply = RpcReplyHeader.DecodeBody(prefix.Xid, ref reader);
        Assert.Equal((99u, ReplyStatus.Denied, RejectStatus.RpcMismatch, 2u, 2u), (reply.Xid, reply.Status, reply.RejectStatus, reply.MismatchLow, reply.MismatchHigh));
    }

    [Fact]
    public async Task TheServerSurvivesGarbageRecords()
    {
        await using var server = new RpcServer(new RpcServerOptions { MaxRecordSize = 4096 });
        server.Add(new TestProgram());
        server.StartTcp(Loopback.AnyPort);
        var random = new Random(77);
        for (int i = 0; i < 20; i++)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(server.TcpEndPoint!);
            byte[] garbage = new byte[random.Next(1, 200)];
            random.NextBytes(garbage);
            if (i % 2 == 0)
            {
                BinaryPrimitives.WriteUInt32BigEndian(garbage, 0x8000_0000u | (uint)(garbage.Length - 4));
            }
            await socket.SendAsync(garbage);
        }
        await using var client = new RpcTcpClient(server.TcpEndPoint!);
        Assert.True((await Ping(client)).IsSuccess);
    }
}
