using Minnow.TestSupport;
using System.Net;
using Cricket.Tests.Support;
using Minnow.GpuServer;
using Minnow.Rpc.Cricket;

namespace Cricket.Tests.Interop;

/// <summary>
/// The server registers with the host's real rpcbind (started here when none answers; make deps
/// installs it), rpcinfo lists program 99, and the client finds it through rpcbind.
/// </summary>
public sealed class RpcbindTests
{
    // A version nobody else registers (server and client both use it, as CRICKET_RPCID does), so that a
    // real Cricket or make gpu-server on this host is untouched.
    private const uint TestVersion = 7;

    [Fact]
    public async Task RpcinfoListsTheServerAndTheClientFindsItThroughRpcbind()
    {
        EnsureRpcbind();
        await using var server = new CpuServer(version: TestVersion);
        await RpcbindRegistration.RegisterAsync(CricketProtocol.Program, TestVersion, server.EndPoint.Port);
        try
        {
            string listing = ToolRunner.Run("rpcinfo", "-p 127.0.0.1");
            Assert.Contains(listing.Split('\n'), line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [ "99", "7", "tcp", var port, ..] && port == server.EndPoint.Port.ToString());
            ToolRunner.Run("rpcinfo", $"-t 127.0.0.1 99 {TestVersion}");

            await using CricketClient client = await CricketClient.ConnectAsync("127.0.0.1", new CricketClientOptions { Version = TestVersion });
            Assert.Equal(server.EndPoint.Port, ((IPEndPoint)client.Server).Port);
            Assert.Equal(1, await client.GetDeviceCountAsync());
        }
        finally
        {
            await RpcbindRegistration.UnregisterAsync(CricketProtocol.Program, TestVersion);
        }
        Assert.DoesNotContain(ToolRunner.Run("rpcinfo", "-p 127.0.0.1").Split('\n'), line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [ "99", "7", ..]);
        var missing = await Assert.ThrowsAsync<Minnow.Rpc.RpcException>(() => CricketClient.ConnectViaRpcbindAsync(IPAddress.Loopback, new CricketClientOptions { Version = TestVersion }));
        Assert.Equal(Minnow.Rpc.RpcErrorKind.ProgramUnavailable, missing.Error.Kind);
    }

    internal static void EnsureRpcbind()
    {
        ToolRunner.Require("rpcinfo", "rpcbind");
        try
        {
            ToolRunner.Run("rpcinfo", "-p 127.0.0.1", timeoutSeconds: 10);
            return;
        }
        catch (InvalidOperationException)
        {
        }
        ToolRunner.Require("rpcbind", "rpcbind");
        try
        {
            ToolRunner.Run("rpcbind", "-w", timeoutSeconds: 10);
            Thread.Sleep(500);
            ToolRunner.Run("rpcinfo", "-p 127.0.0.1", timeoutSeconds: 10);
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"no rpcbind answers on 127.0.0.1:111 and `rpcbind -w` could not start one (it needs root or CAP_NET_BIND_SERVICE): {e.Message}", e);
        }
    }
}
