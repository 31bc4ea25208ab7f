using System.Net;
using System.Net.Sockets;
using Cricket.Tests.Interop;
using Cricket.Tests.Support;
using Minnow.GpuServer;
using Minnow.Rpc.Cricket;
using Minnow.TestSupport;

namespace Cricket.Tests.EndToEnd;

/// <summary>
/// images/gpu-hello booted under QEMU with user networking: it finds the CPU server through the
/// host's rpcbind (10.0.2.2:111 from the guest), runs SAXPY over 1M floats and the reduction
/// remotely and prints PASS; a server that is missing, drops the connection mid-transfer, or stops
/// answering gives FAIL and exit status 1 within the image's timeout.
/// </summary>
public sealed class GpuHelloImageTests
{
    // Versions nobody else registers (passed to the image as --rpcid), so that make gpu-server, make
    // demo or a real Cricket server on this host is untouched, and the tests don't see each other.
    private const uint PassVersion = 11, DropVersion = 12, StallVersion = 13, MissingVersion = 14;

    private static readonly Lazy<ImageBuild> s_image = new(() =>
        MinnowTool.Build(RepositoryPaths.Combine("images", "gpu-hello"), "tests-gpu-hello"));

    [Fact]
    public async Task The_image_finds_the_CPU_server_through_rpcbind_and_prints_PASS()
    {
        RpcbindTests.EnsureRpcbind();
        string image = s_image.Value.RequireImage();
        await using var server = new CpuServer(version: PassVersion);
        await RpcbindRegistration.RegisterAsync(CricketProtocol.Program, PassVersion, server.EndPoint.Port);
        try
        {
            var run = RunImage(image, PassVersion, timeoutSeconds: 120);
            Assert.True(run.ExitCode == 0, run.Describe());
            Assert.Contains("1 device(s), device 0: Minnow CPU device", run.StandardOutput);
            Assert.Matches(@"PASS saxpy n=1048576 sum=1309098\.0 \(local 1309098\.0\) in \d+ ms \(load \d+ ms, upload \d+ ms, kernels \d+ ms, download \d+ ms", run.StandardOutput);
            Assert.Equal(0, server.Device.AllocationCount);
        }
        finally
        {
            await RpcbindRegistration.UnregisterAsync(CricketProtocol.Program, PassVersion);
        }
    }

    [Fact]
    public void Without_a_registered_server_the_image_says_so_and_exits_1()
    {
        RpcbindTests.EnsureRpcbind();
        var run = RunImage(s_image.Value.RequireImage(), MissingVersion, timeoutSeconds: 60);
        Assert.True(run.ExitCode == 1, run.Describe());
        Assert.Contains($"FAIL: connecting to the GPU server at 10.0.2.2: ProgramUnavailable: no Cricket server (program 99 version {MissingVersion}, tcp)", run.StandardOutput);
    }

    [Fact]
    public async Task A_server_that_dies_mid_transfer_gives_an_error_not_a_hang()
    {
        var run = await RunThroughProxyAsync(DropVersion, stall: false, timeoutSeconds: 60);
        Assert.True(run.ExitCode == 1, run.Describe());
        Assert.Contains("FAIL: running SAXPY and a reduction over 1048576 floats: ConnectionLost", run.StandardOutput);
    }

    [Fact]
    public async Task A_server_that_stops_answering_mid_transfer_gives_an_error_within_the_timeout()
    {
        var started = DateTime.UtcNow;
        var run = await RunThroughProxyAsync(StallVersion, stall: true, timeoutSeconds: 20);
        Assert.True(run.ExitCode == 1, run.Describe());
        Assert.Contains("FAIL: running SAXPY and a reduction over 1048576 floats", run.StandardOutput);
        Assert.DoesNotContain("PASS", run.StandardOutput);
        // The harness's own limit (--timeout 20 + boot) is 60 s: the image ended it itself.
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(60), run.Describe());
    }

    private static ProcessResult RunImage(string image, uint version, int timeoutSeconds) =>
        MinnowTool.Run(image, new MinnowRunOptions
        {
            Networks = ["user"],
            ProgramArguments = ["--rpcid", version.ToString(), "--timeout", timeoutSeconds.ToString()],
            TimeoutSeconds = timeoutSeconds + 40,
        });

    /// <summary>
    /// Registers a TCP proxy in front of the CPU server that, once 1 MiB of the client's copies has
    /// gone through (the first host-to-device copy is 4 MiB), either closes both connections (the
    /// server died) or stops forwarding and keeps them open (the server hangs or the path went dark).
    /// </summary>
    private static async Task<ProcessResult> RunThroughProxyAsync(uint version, bool stall, int timeoutSeconds)
    {
        RpcbindTests.EnsureRpcbind();
        string image = s_image.Value.RequireImage();
        await using var server = new CpuServer(version: version);
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var cut = new CancellationTokenSource();
        var proxy = Task.Run(async () =>
        {
            using TcpClient client = await listener.AcceptTcpClientAsync(cut.Token);
            using var upstream = new TcpClient();
            await upstream.ConnectAsync(server.EndPoint, cut.Token);
            NetworkStream fromClient = client.GetStream(), toServer = upstream.GetStream();
            var back = toServer.CopyToAsync(fromClient, cut.Token);
            var buffer = new byte[65536];
            long forwarded = 0;
            while (forwarded < 1 << 20)
            {
                int read = await fromClient.ReadAsync(buffer, cut.Token);
                if (read == 0)
                    return;
                await toServer.WriteAsync(buffer.AsMemory(0, read), cut.Token);
                forwarded += read;
            }
            if (stall)
                await Task.Delay(Timeout.Infinite, cut.Token);   // connections stay open, nothing moves
            client.Client.Close(0);   // RST, as when the server's process is killed
        });
        await RpcbindRegistration.RegisterAsync(CricketProtocol.Program, version, ((IPEndPoint)listener.LocalEndpoint).Port);
        try
        {
            return RunImage(image, version, timeoutSeconds);
        }
        finally
        {
            await RpcbindRegistration.UnregisterAsync(CricketProtocol.Program, version);
            cut.Cancel();
            listener.Stop();
            try { await proxy; } catch (Exception) { }
        }
    }
}
