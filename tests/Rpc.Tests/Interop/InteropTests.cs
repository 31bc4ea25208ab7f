using System.Net;
using Minnow.Rpc;
using Minnow.Rpc.Client;
using Minnow.Rpc.Server;
using Rpc.Tests.Support;

namespace Rpc.Tests.Interop;

/// <summary>
/// rpcgen/libtirpc's C client and the generated C# client, each against libtirpc's C server and the
/// C# server, through the same checks (<see cref="CalcScenario"/> and calc_client.c print the same lines).
/// </summary>
public sealed class InteropTests : IClassFixture<CInteropFixture>, IAsyncLifetime
{
    private readonly CInteropFixture _c;
    private readonly RpcServer _server = new();

    public InteropTests(CInteropFixture c)
    {
        _c = c;
    }

    public Task InitializeAsync()
    {
        _server.Add(new CalcServer());
        _server.StartTcp(Loopback.AnyPort);
        _server.StartUdp(Loopback.AnyPort);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private int Port(string server, string transport) => (server, transport) switch
    {
        ("c", "tcp") => _c.TcpPort,
        ("c", _) => _c.UdpPort,
        (_, "tcp") => _server.TcpEndPoint!.Port,
        _ => _server.UdpEndPoint!.Port,
    };

    [Theory]
    [InlineData("c", "tcp")]
    [InlineData("c", "udp")]
    [InlineData("csharp", "tcp")]
    [InlineData("csharp", "udp")]
    public void TheCClientGetsTheSameAnswersFromBothServers(string server, string transport)
    {
        Assert.Equal(CalcScenario.Expected(transport), _c.RunClient(Port(server, transport), transport));
    }

    [Theory]
    [InlineData("c", "tcp")]
    [InlineData("c", "udp")]
    [InlineData("csharp", "tcp")]
    [InlineData("csharp", "udp")]
    public async Task TheCSharpClientGetsTheSameAnswersFromBothServers(string server, string transport)
    {
        var endPoint = new IPEndPoint(IPAddress.Loopback, Port(server, transport));
        // Small fragments, so that the C server reassembles multi-fragment records from us too.
        var options = new RpcClientOptions { MaxFragmentSize = 4096 };
        string output = await CalcScenario.RunAsync(() => transport == "tcp" ? new RpcTcpClient(endPoint, options) : new RpcUdpClient(endPoint, options), transport);
        Assert.Equal(CalcScenario.Expected(transport), output);
    }
}
