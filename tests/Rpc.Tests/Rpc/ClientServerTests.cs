using Minnow.Rpc;
using Minnow.Rpc.Client;
using Minnow.Rpc.Messages;
using Minnow.Rpc.Server;
using Rpc.Tests.Support;

namespace Rpc.Tests.Rpc;

/// <summary>The C# client against the C# server over loopback TCP and UDP: results and every accept, reject and auth status.</summary>
public sealed class ClientServerTests : IAsyncLifetime
{
    private readonly RpcServer _server = new();

    public Task InitializeAsync()
    {
        _server.Add(new TestProgram(1)).Add(new TestProgram(3));
        _server.StartTcp(Loopback.AnyPort);
        _server.StartUdp(Loopback.AnyPort);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private IRpcClient Client(string transport, RpcClientOptions? options = null) => transport == "tcp"
        ? new RpcTcpClient(_server.TcpEndPoint!, options)
        : new RpcUdpClient(_server.UdpEndPoint!, options);

    [Theory]
    [InlineData("tcp")]
    [InlineData("udp")]
    public async Task CallsReturnResults(string transport)
    {
        await using IRpcClient client = Client(transport);
        RpcResult<int> sum = await client.CallAsync(TestProgram.Procedure(TestProgram.ProcedureAdd), (40, 2), Codecs.IntPair, Codecs.ReadInt);
        Assert.Equal(42, sum.GetValueOrThrow());
        RpcResult<byte[]> echo = await client.CallAsync(TestProgram.Procedure(TestProgram.ProcedureEcho), new byte[] { 1, 2, 3 }, Codecs.Opaque, Codecs.ReadOpaque);
        Assert.Equal(new byte[] { 1, 2, 3 }, echo.GetValueOrThrow());
        RpcResult<RpcVoid> ping = await client.CallAsync(TestProgram.Procedure(0, 3), default(RpcVoid), RpcVoid.Encode, RpcVoid.Decode);
        Assert.True(ping.IsSuccess);
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("udp")]
    public async Task UnknownProgramIsProgramUnavailable(string transport)
    {
        await using IRpcClient client = Client(transport);
        RpcResult<RpcVoid> result = await client.CallAsync(new RpcProcedure(0x2000_9999, 1, 0), default(RpcVoid), RpcVoid.Encode, RpcVoid.Decode);
        Assert.Equal(RpcErrorKind.ProgramUnavailable, result.Error?.Kind);
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("udp")]
    public async Task UnknownVersionIsProgramMismatchWithTheServedRange(string transport)
    {
        await using IRpcClient client = Client(transport);
        RpcResult<RpcVoid> result = await client.CallAsync(TestProgram.Procedure(0, 2), default(RpcVoid), RpcVoid.Encode, RpcVoid.Decode);
        Assert.Equal(RpcErrorKind.ProgramMismatch, result.Error?.Kind);
        Assert.Equal(1u, result.Error!.LowestSupportedVersion);
        Assert.Equal(3u, result.Error.HighestSupportedVersion);
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("udp")]
    public async Task UnknownProcedureIsProcedureUnavailable(string transport)
    {
        await using IRpcClient client = Client(transport);
        RpcResult<RpcVoid> result = await client.CallAsync(TestProgram.Procedure(77), default(RpcVoid), RpcVoid.Encode, RpcVoid.Decode);
        Assert.Equal(RpcErrorKind.ProcedureUnavailable, result.Error?.Kind);
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("udp")]
    public async Task UndecodableArgumentsAreGarbageArguments(string transport)
    {
        await using IRpcClient client = Client(transport);
        // Add takes two ints; one int is not enough.
        RpcResult<int> result = await client.CallAsync(TestProgram.Procedure(TestProgram.ProcedureAdd), 1, Codecs.Int, Codecs.ReadInt);
        Assert.Equal(RpcErrorKind.GarbageArguments, result.Error?.Kind);
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("udp")]
    public async Task AFailingProcedureIsSystemError(string transport)
    {
        await using IRpcClient client = Client(transport);
        RpcResult<RpcVoid> result = await client.CallAsync(TestProgram.Procedure(TestProgram.ProcedureThrow), default(RpcVoid), RpcVoid.Encode, RpcVoid.Decode);
        Assert.Equal(RpcErrorKind.SystemError, result.Error?.Kind);
        // The server survives it.
        Assert.True((await client.CallAsync(TestProgram.Procedure(0), default(RpcVoid), RpcVoid.Encode, RpcVoid.Decode)).IsSuccess);
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("udp")]
    public async Task AuthSysReachesTheProcedureAndAuthNoneIsTooWeak(string transport)
    {
        await using IRpcClient client = Client(transport);
        RpcResult<(uint, string)> weak = await client.CallAsync(TestProgram.Procedure(TestProgram.ProcedureWhoAmI), default(RpcVoid), RpcVoid.Encode, Codecs.ReadUidAndHost);
        Assert.Equal(RpcErrorKind.AuthError, weak.Error?.Kind);
        Assert.Equal(AuthStatus.TooWeak, weak.Error!.AuthStatus);

        var credential = OpaqueAuth.Sys(new AuthSysParameters(7, "minnow-test", 1234, 100, [100, 27]));
        RpcResult<(uint, string)> strong = await client.CallAsync(TestProgram.Procedure(TestProgram.ProcedureWhoAmI), default(RpcVoid), RpcVoid.Encode, Codecs.ReadUidAndHost,
            new RpcCallOptions { Credential = credential });
        Assert.Equal((1234u, "minnow-test"), strong.GetValueOrThrow());
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("udp")]
    public async Task UnknownCredentialFlavorsAndMalformedAuthSysAreAuthErrors(string transport)
    {
        await using IRpcClient client = Client(transport);
        RpcResult<RpcVoid> flavor = await client.CallAsync(TestProgram.Procedure(0), default(RpcVoid), RpcVoid.Encode, RpcVoid.Decode,
            new RpcCallOptions { Credential = new OpaqueAuth((AuthFlavor)390_000, new byte[] { 1, 2, 3, 4 }) });
        Assert.Equal(AuthStatus.RejectedCredential, flavor.Error?.AuthStatus);
        RpcResult<RpcVoid> malformed = await client.CallAsync(TestProgram.Procedure(0), default(RpcVoid), RpcVoid.Encode, RpcVoid.Decode,
            new RpcCallOptions { Credential = new OpaqueAuth(AuthFlavor.Sys, new byte[] { 0, 0, 0, 1 }) });
        Assert.Equal(RpcErrorKind.AuthError, malformed.Error?.Kind);
        Assert.Equal(AuthStatus.BadCredential, malformed.Error!.AuthStatus);
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("udp")]
    public async Task ArgumentsOutsideTheirBoundsAreNotSent(string transport)
    {
        await using IRpcClient client = Client(transport);
        RpcResult<RpcVoid> result = await client.CallAsync(TestProgram.Procedure(0), "too long", static (w, s) => w.WriteString(s, 3), RpcVoid.Decode);
        Assert.Equal(RpcErrorKind.InvalidArguments, result.Error?.Kind);
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("udp")]
    public async Task ACallTimesOutAndAnInfiniteCallWaits(string transport)
    {
        await using IRpcClient client = Client(transport, new RpcClientOptions { InitialRetransmitInterval = TimeSpan.FromMilliseconds(100) });
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        RpcResult<int> late = await client.CallAsync(TestProgram.Procedure(TestProgram.ProcedureSleep), 3000, Codecs.Int, Codecs.ReadInt, RpcCallOptions.WithTimeout(TimeSpan.FromMilliseconds(300)));
        Assert.Equal(RpcErrorKind.Timeout, late.Error?.Kind);
        Assert.InRange(stopwatch.ElapsedMilliseconds, 250, 2500);

        if (transport == "tcp")
        {
            // UDP's retransmissions would each sleep again on this sequential test server; TCP waits once.
            RpcResult<int> patient = await client.CallAsync(TestProgram.Procedure(TestProgram.ProcedureSleep), 1200, Codecs.Int, Codecs.ReadInt, RpcCallOptions.Infinite);
            Assert.Equal(1200, patient.GetValueOrThrow());
        }
    }

    [Fact]
    public async Task CancellationEndsACall()
    {
        await using IRpcClient client = Client("tcp");
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        RpcResult<int> result = await client.CallAsync(TestProgram.Procedure(TestProgram.ProcedureSleep), 2000, Codecs.Int, Codecs.ReadInt, RpcCallOptions.Infinite, cancellation.Token);
        Assert.Equal(RpcErrorKind.Cancelled, result.Error?.Kind);
    }

    [Fact]
    public async Task ConcurrentCallsShareOneTcpConnection()
    {
        await using var client = new RpcTcpClient(_server.TcpEndPoint!);
        Task<RpcResult<int>>[] calls = Enumerable.Range(0, 64)
            .Select(i => client.CallAsync(TestProgram.Procedure(TestProgram.ProcedureAdd), (i, 1000), Codecs.IntPair, Codecs.ReadInt).AsTask())
            .ToArray();
        RpcResult<int>[] results = await Task.WhenAll(calls);
        Assert.Equal(Enumerable.Range(1000, 64), results.Select(r => r.GetValueOrThrow()));
        Assert.Equal(1, client.ConnectionCount);
    }

    [Fact]
    public async Task LargeCallsAndRepliesTravelInManyFragments()
    {
        var server = new RpcServer(new RpcServerOptions { MaxFragmentSize = 1000 });
        await using var _ = server;
        server.Add(new TestProgram());
        server.StartTcp(Loopback.AnyPort);
        await using var client = new RpcTcpClient(server.TcpEndPoint!, new RpcClientOptions { MaxFragmentSize = 777 });
        byte[] payload = new byte[300_001];
        new Random(5).NextBytes(payload);
        RpcResult<byte[]> echo = await client.CallAsync(TestProgram.Procedure(TestProgram.ProcedureEcho), payload, Codecs.Opaque, Codecs.ReadOpaque);
        Assert.Equal(payload, echo.GetValueOrThrow());
    }

    [Fact]
    public async Task UdpCallsTooLargeForADatagramAreRefused()
    {
        await using IRpcClient client = Client("udp");
        RpcResult<byte[]> result = await client.CallAsync(TestProgram.Procedure(TestProgram.ProcedureEcho), new byte[70_000], Codecs.Opaque, Codecs.ReadOpaque);
        Assert.Equal(RpcErrorKind.MessageTooLarge, result.Error?.Kind);
    }
}
